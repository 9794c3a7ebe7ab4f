using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.Tests.Diagnostics;

/// <summary>
/// The test cluster: the copied fixture lists (TestData/Kubernetes), editable as JSON nodes so a
/// test can build variations (DNS down, nodes lost, all healthy). Shared by the triage unit tests
/// and, through a linked file, by the fake API server in the integration tests.
/// </summary>
public sealed class ClusterScenario
{
    public static readonly DateTimeOffset Now = new(2025, 6, 12, 10, 15, 0, TimeSpan.Zero);

    /// <summary>Resource lists by key: nodes, pods, events, deployments, daemonsets, statefulsets, hpas, quotas, endpointslices, leases.</summary>
    public Dictionary<string, List<JsonObject>> Lists { get; } = new(StringComparer.Ordinal);

    public string Readyz { get; set; } = string.Empty;

    public int ReadyzStatus { get; set; } = 200;

    public string Livez { get; set; } = string.Empty;

    public string Version { get; set; } = string.Empty;

    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "TestData", "Kubernetes");

    public static string Read(string file) => File.ReadAllText(Path.Combine(DataDirectory, file));

    public static ClusterScenario FromFixtures()
    {
        var scenario = new ClusterScenario
        {
            Readyz = Read("readyz-verbose-ok.txt"),
            Livez = Read("livez-verbose-ok.txt"),
            Version = Read("version.json"),
        };
        scenario.Load("nodes", "nodelist.json");
        scenario.Load("pods", "podlist-mixed.json");
        scenario.Load("events", "eventlist.json");
        scenario.Load("deployments", "deploymentlist.json");
        scenario.Load("daemonsets", "daemonsetlist.json");
        scenario.Load("statefulsets", "statefulsetlist.json");
        scenario.Load("hpas", "hpalist-v2.json");
        scenario.Load("quotas", "resourcequotalist.json");
        scenario.Load("endpointslices", "endpointslicelist-kube-dns.json");
        scenario.Load("leases", "leaselist-kube-system.json");
        scenario.Load("leases", "leaselist-kube-node-lease.json");
        return scenario;
    }

    public List<JsonObject> this[string key] => Lists[key];

    public JsonObject Find(string key, string name) => Lists[key].First(o => o["metadata"]!["name"]!.GetValue<string>() == name);

    /// <summary>The controller-manager renews its lease again: no control-plane finding left.</summary>
    public ClusterScenario WithHealthyControlPlane()
    {
        Find("leases", "kube-controller-manager")["spec"]!["renewTime"] = "2025-06-12T10:14:58.000000Z";
        return this;
    }

    /// <summary>Every CoreDNS replica down and no kube-dns endpoint ready: the DNS cascade.</summary>
    public ClusterScenario WithDnsDown()
    {
        var coredns = Find("deployments", "coredns")["status"]!.AsObject();
        coredns["availableReplicas"] = 0;
        coredns["readyReplicas"] = 0;
        foreach (var endpoint in Lists["endpointslices"].SelectMany(s => s["endpoints"]!.AsArray()))
        {
            endpoint!["conditions"]!["ready"] = false;
        }

        var healthy = Find("pods", "coredns-674b8bbfcf-2xk9d");
        var broken = Find("pods", "coredns-674b8bbfcf-7qmzt");
        healthy["status"] = broken["status"]!.DeepClone();
        return this;
    }

    /// <summary>Five of six nodes stop reporting within a minute: a shared cause.</summary>
    public ClusterScenario WithNodesLost()
    {
        var minute = 0;
        foreach (var node in Lists["nodes"].Skip(1))
        {
            var ready = node["status"]!["conditions"]!.AsArray().First(c => c!["type"]!.GetValue<string>() == "Ready")!;
            ready["status"] = "Unknown";
            ready["reason"] = "NodeStatusUnknown";
            ready["message"] = "Kubelet stopped posting node status.";
            ready["lastTransitionTime"] = $"2025-06-12T10:0{minute++}:30Z";
        }

        return this;
    }

    /// <summary>Nothing wrong anywhere: the verdict must be healthy.</summary>
    public static ClusterScenario Healthy()
    {
        var scenario = FromFixtures().WithHealthyControlPlane();
        foreach (var node in scenario.Lists["nodes"])
        {
            node["spec"]!.AsObject().Remove("unschedulable");
            foreach (var condition in node["status"]!["conditions"]!.AsArray())
            {
                condition!["status"] = condition["type"]!.GetValue<string>() == "Ready" ? "True" : "False";
            }
        }

        scenario.Lists["pods"].RemoveAll(p => p["metadata"]!["name"]!.GetValue<string>() != "coredns-674b8bbfcf-2xk9d");
        scenario.Lists["events"].Clear();
        scenario.Lists["hpas"].RemoveAll(h => h["metadata"]!["name"]!.GetValue<string>() != "frontend");
        scenario.Lists["quotas"].Clear();
        scenario.Lists["deployments"].RemoveAll(d => d["metadata"]!["name"]!.GetValue<string>() != "frontend");
        scenario.Lists["daemonsets"][0]["status"]!["numberUnavailable"] = 0;
        foreach (var endpoint in scenario.Lists["endpointslices"].SelectMany(s => s["endpoints"]!.AsArray()))
        {
            endpoint!["conditions"]!["ready"] = true;
        }

        return scenario;
    }

    private void Load(string key, string file)
    {
        var list = JsonNode.Parse(Read(file))!.AsObject();
        if (!Lists.TryGetValue(key, out var items))
        {
            Lists[key] = items = [];
        }

        items.AddRange(list["items"]!.AsArray().Select(i => i!.DeepClone().AsObject()));
    }

    /// <summary>The list as the API server would send it in one page.</summary>
    public JsonElement ListElement(string key) =>
        JsonSerializer.SerializeToElement(new JsonObject { ["items"] = new JsonArray(Lists[key].Select(i => (JsonNode)i.DeepClone()).ToArray()) });
}
