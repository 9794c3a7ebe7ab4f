using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChatOps.Bench;

// Usage: dotnet run -c Release --project bench/ChatOps.Bench -- all | <scenario> [...]
// Results: a table per scenario on stdout and bench/results/<scenario>.json.
if (args is [ChatOps.Bench.Triage.FakeClusterServer.Flag, var nodes, var pods])
{
    // The triage scenario runs its fake cluster in a child process of this program.
    return await ChatOps.Bench.Triage.FakeClusterServer.ServeAsync(int.Parse(nodes, CultureInfo.InvariantCulture), int.Parse(pods, CultureInfo.InvariantCulture));
}

var scenarios = typeof(IScenario).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IScenario).IsAssignableFrom(t))
    .Select(t => (IScenario)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: ChatOps.Bench all | <scenario> ...");
    foreach (var s in scenarios)
    {
        Console.WriteLine($"  {s.Name,-14} {s.Description}");
    }

    return args.Length == 0 ? 2 : 0;
}

var selected = args.Contains("all") ? scenarios : scenarios.Where(s => args.Contains(s.Name)).ToList();
var unknown = args.Where(a => a != "all" && scenarios.All(s => s.Name != a)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"unknown scenario(s): {string.Join(", ", unknown)}");
    return 2;
}

var output = Path.Combine(Directory.GetCurrentDirectory(), "bench", "results");
Directory.CreateDirectory(output);
var context = new BenchContext(output, Environment.GetEnvironmentVariable("CHATOPS_TEST_POSTGRES"));
var json = new JsonSerializerOptions { WriteIndented = true };
foreach (var scenario in selected)
{
    Console.WriteLine($"== {scenario.Name}: {scenario.Description}");
    var watch = Stopwatch.StartNew();
    var result = await scenario.RunAsync(context, CancellationToken.None);
    foreach (var f in result.Figures)
    {
        var reference = f.Reference is null ? string.Empty : $"   ({f.Reference}: {f.ReferenceValue?.ToString("0.###", CultureInfo.InvariantCulture)} {f.Unit})";
        Console.WriteLine($"   {f.Name,-40} {f.Value.ToString("0.###", CultureInfo.InvariantCulture),12} {f.Unit}{reference}");
    }

    foreach (var note in result.Notes)
    {
        Console.WriteLine($"   note: {note}");
    }

    Console.WriteLine($"   ({watch.Elapsed.TotalSeconds:0.0} s)");
    await File.WriteAllTextAsync(Path.Combine(output, $"{scenario.Name}.json"), JsonSerializer.Serialize(result, json));
}

return 0;
