using System.Xml.Linq;
using ChatOps.Storage;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ChatOps.Web.Access;

/// <summary>
/// Keeps Data Protection keys in the database, so every replica reads the sign-in cookies the
/// others issue. The interface is synchronous; it is called at start-up and on key rotation only.
/// </summary>
public sealed class DatabaseKeyRepository(Database database, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        Run(async c => (await c.QueryAsync<string>(new CommandDefinition("SELECT xml FROM web_protection_keys ORDER BY created_at, name")))
            .Select(x => XElement.Parse(x)).ToList());

    public void StoreElement(XElement element, string friendlyName) =>
        Run(c => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO web_protection_keys (name, xml, created_at) VALUES (@friendlyName, @xml, @now) ON CONFLICT (name) DO NOTHING",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = clock.GetUtcNow() })));

    private T Run<T>(Func<System.Data.Common.DbConnection, Task<T>> work) =>
        Task.Run(async () =>
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            return await work(connection);
        }).GetAwaiter().GetResult();
}
