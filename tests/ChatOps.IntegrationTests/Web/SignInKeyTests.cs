using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using Dapper;
using Microsoft.AspNetCore.DataProtection;

namespace ChatOps.IntegrationTests.Web;

/// <summary>With sign-in on, a cookie one replica issues must be readable by another and after a restart.</summary>
public sealed class SignInKeyTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Replicas_share_the_keys_that_protect_sign_in_cookies_through_the_database(StorageProvider provider)
    {
        var storage = await TestStores.CreateAsync(provider);
        var settings = new Dictionary<string, string?>
        {
            ["Web:Access:SlackSignIn:ClientId"] = "123.456",
            ["Web:Access:SlackSignIn:ClientSecret"] = "s3cret",
            ["Web:Access:SlackSignIn:TeamId"] = "T0001",
        };

        string ticket;
        await using (var first = await TestApp.StartAsync(storage, settings))
        {
            ticket = first.Get<IDataProtectionProvider>().CreateProtector("cookie").Protect("carol");
        }

        await using var second = await TestApp.StartAsync(storage, settings);
        Assert.Equal("carol", second.Get<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(ticket));
        await using var connection = await second.Get<Database>().OpenAsync(CancellationToken.None);
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM web_protection_keys"));
    }
}
