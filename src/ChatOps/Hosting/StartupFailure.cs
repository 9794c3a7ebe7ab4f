using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatOps.Hosting;

/// <summary>
/// Turns what can go wrong while starting into the one line an operator needs: which key, and
/// why. Never prints configuration values (a connection string may hold a password).
/// </summary>
internal static class StartupFailure
{
    public static string Describe(Exception exception)
    {
        var root = exception is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerException! : exception;
        return root switch
        {
            StartupException s => s.Message,
            OptionsValidationException o => string.Join("; ", o.Failures),
            // The configuration binder already names the key: "Failed to convert configuration
            // value at 'Storage:Provider' to type ...".
            InvalidOperationException i when i.Message.Contains("configuration value", StringComparison.Ordinal) => Unwrap(i),
            NpgsqlException n => $"Storage:ConnectionString: cannot use PostgreSQL ({FirstLine(n.InnerException?.Message ?? n.Message)})",
            SqliteException q => $"Storage:ConnectionString: cannot use the SQLite database ({FirstLine(q.Message)})",
            SocketException k => $"Storage:ConnectionString: cannot reach the database ({k.Message})",
            IOException io when io.Message.Contains("address", StringComparison.OrdinalIgnoreCase) => $"Urls: {FirstLine(io.Message)}",
            _ => $"{root.GetType().Name}: {FirstLine(root.Message)}",
        };
    }

    private static string Unwrap(InvalidOperationException exception)
    {
        var inner = exception.InnerException is null ? string.Empty : $" ({FirstLine(exception.InnerException.Message)})";
        return FirstLine(exception.Message) + inner;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
