using System.Reflection;
using System.Text.RegularExpressions;

namespace ChatOps.Tests.Architecture;

/// <summary>
/// Features never touch Slack or Teams: a feature that needs the chat goes through the neutral
/// port in Chat/. Checked on the source (usings and qualified names) and on compiled signatures.
/// </summary>
public sealed partial class BoundaryTests
{
    public static TheoryData<string> Features => new() { "Incidents", "Timeline", "Reminders", "Maintenance", "Postmortems", "Diagnostics", "Chat" };

    [Theory]
    [MemberData(nameof(Features))]
    public void Feature_sources_do_not_mention_platform_namespaces(string feature)
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "ChatOps", feature);
        var offenders = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => PlatformReference().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(folder, f))
            .ToList();

        Assert.True(offenders.Count == 0, $"{feature} references Platforms in: {string.Join(", ", offenders)}");
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void Feature_types_do_not_expose_platform_types(string feature)
    {
        var types = typeof(ChatOpsApp).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns == $"ChatOps.{feature}" || ns.StartsWith($"ChatOps.{feature}.", StringComparison.Ordinal)));
        var offenders = new List<string>();
        foreach (var type in types)
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var used = type.GetFields(all).Select(f => f.FieldType)
                .Concat(type.GetProperties(all).Select(p => p.PropertyType))
                .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Concat(type.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)))
                .Append(type.BaseType)
                .Concat(type.GetInterfaces());
            offenders.AddRange(used.Where(IsPlatformType).Select(t => $"{type.FullName} -> {t!.FullName}"));
        }

        Assert.True(offenders.Count == 0, string.Join("\n", offenders.Distinct()));
    }

    private static bool IsPlatformType(Type? type) =>
        type is not null && (type.Namespace?.StartsWith("ChatOps.Platforms", StringComparison.Ordinal) == true
            || (type.IsGenericType && type.GetGenericArguments().Any(IsPlatformType))
            || (type.HasElementType && IsPlatformType(type.GetElementType())));

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChatOps.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ChatOps.sln not found above the test output folder");
    }

    [GeneratedRegex(@"\bChatOps\.Platforms\b|\busing\s+ChatOps\.Platforms")]
    private static partial Regex PlatformReference();
}
