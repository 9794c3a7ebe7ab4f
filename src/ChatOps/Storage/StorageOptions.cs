using System.ComponentModel.DataAnnotations;

namespace ChatOps.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string DefaultSqlite = "Data Source=data/chatops.db";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    [Required(ErrorMessage = "Storage:ConnectionString is required.")]
    public string ConnectionString { get; set; } = DefaultSqlite;
}
