namespace ChatOps.Bench;

/// <summary>One benchmark scenario: measures, prints a table, returns figures written to JSON.</summary>
internal interface IScenario
{
    /// <summary>Command-line name: `dotnet run -c Release --project bench/ChatOps.Bench -- &lt;name&gt;`.</summary>
    string Name { get; }

    string Description { get; }

    Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct);
}

/// <summary>Named figures (and the reference measured beside them in the same run).</summary>
internal sealed record ScenarioResult(string Scenario, IReadOnlyList<Figure> Figures, IReadOnlyList<string> Notes);

internal sealed record Figure(string Name, double Value, string Unit, string? Reference = null, double? ReferenceValue = null);

/// <summary>What every scenario may use: an output folder and, when set, a PostgreSQL server.</summary>
internal sealed record BenchContext(string OutputDirectory, string? PostgresConnectionString);
