using System.Globalization;
using System.Text;

namespace ChatOps.Bench.Triage;

/// <summary>
/// Deterministic objects by index: 1 in 1,000 nodes NotReady, 1 in 700 under memory pressure; 1 in
/// 1,000 pods crash-looping, 1 in 2,000 unschedulable; the rest healthy. Object shapes follow the
/// k8s.io/api types (about 1.5 KB per node, 2 KB per pod).
/// </summary>
internal sealed class GeneratedCluster(int nodes, int pods)
{
    private static readonly string Now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public (int Status, string ContentType, string Body) Answer(string path, string? limitText, string? continueText, string? labelSelector)
    {
        var limit = int.TryParse(limitText, out var l) && l > 0 ? l : int.MaxValue;
        var offset = int.TryParse(continueText, out var o) ? o : 0;
        return path switch
        {
            "/version" => (200, "application/json", """{"major":"1","minor":"33","gitVersion":"v1.33.1","platform":"linux/amd64"}"""),
            "/readyz" or "/livez" => (200, "text/plain; charset=utf-8", "[+]ping ok\n[+]etcd ok\n[+]etcd-readiness ok\n[+]informer-sync ok\nreadyz check passed"),
            "/api" => (200, "application/json", """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]}"""),
            "/apis" => (200, "application/json", """{"kind":"APIGroupList","apiVersion":"v1","groups":[]}"""),
            "/api/v1" => (200, "application/json", ResourceList),
            "/api/v1/nodes" => (200, "application/json", Page("NodeList", nodes, offset, limit, Node)),
            "/api/v1/pods" => (200, "application/json", Page("PodList", pods, offset, limit, Pod)),
            "/api/v1/events" => (200, "application/json", Page("EventList", 200, offset, limit, Event)),
            "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases" => (200, "application/json", Leases()),
            "/apis/apps/v1/deployments" => (200, "application/json", """{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{},"items":[{"metadata":{"name":"coredns","namespace":"kube-system"},"spec":{"replicas":2},"status":{"availableReplicas":2,"readyReplicas":2}}]}"""),
            "/apis/discovery.k8s.io/v1/namespaces/kube-system/endpointslices" => (200, "application/json", """{"kind":"EndpointSliceList","apiVersion":"discovery.k8s.io/v1","metadata":{},"items":[{"metadata":{"name":"kube-dns-1","namespace":"kube-system"},"endpoints":[{"addresses":["10.0.0.10"],"conditions":{"ready":true}},{"addresses":["10.0.0.11"],"conditions":{"ready":true}}]}]}"""),
            _ when path.StartsWith("/api", StringComparison.Ordinal) => (200, "application/json", """{"kind":"List","apiVersion":"v1","metadata":{},"items":[]}"""),
            _ => (404, "application/json", """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","code":404}"""),
        };
    }

    private static string Page(string kind, int total, int offset, int limit, Action<StringBuilder, int> item)
    {
        var end = (int)Math.Min(total, (long)offset + limit);
        var text = new StringBuilder(256 + ((end - offset) * 2200));
        text.Append("{\"kind\":\"").Append(kind).Append("\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"4410388\"");
        if (end < total)
        {
            text.Append(",\"continue\":\"").Append(end).Append("\",\"remainingItemCount\":").Append(total - end);
        }

        text.Append("},\"items\":[");
        for (var i = offset; i < end; i++)
        {
            if (i > offset)
            {
                text.Append(',');
            }

            item(text, i);
        }

        return text.Append("]}").ToString();
    }

    private void Node(StringBuilder t, int i)
    {
        var ready = i % 1000 == 999 ? "False" : "True";
        var memory = i % 700 == 699 ? "True" : "False";
        var reason = ready == "True" ? "KubeletReady" : "KubeletNotReady";
        var message = ready == "True" ? "kubelet is posting ready status" : "PLEG is not healthy: pleg was last seen active 3m0s ago";
        var zone = (char)('a' + (i % 3));
        var name = $"node-{i:D5}";
        var a = i / 250;
        var b = i % 250;
        t.Append(CultureInfo.InvariantCulture, $$$$"""
            {"metadata":{"name":"{{{{name}}}}","uid":"00000000-0000-4000-8000-{{{{i:D12}}}}","resourceVersion":"{{{{1000 + i}}}}","creationTimestamp":"2025-05-01T00:00:00Z","labels":{"kubernetes.io/hostname":"{{{{name}}}}","kubernetes.io/os":"linux","node.kubernetes.io/instance-type":"m6i.2xlarge","topology.kubernetes.io/zone":"eu-west-1{{{{zone}}}}"}},
            "spec":{"providerID":"aws:///eu-west-1{{{{zone}}}}/i-{{{{i:D17}}}}","podCIDR":"10.{{{{a}}}}.{{{{b}}}}.0/24"},
            "status":{"capacity":{"cpu":"8","memory":"32386544Ki","pods":"58"},"allocatable":{"cpu":"7910m","memory":"31259608Ki","pods":"58"},
            "conditions":[{"type":"MemoryPressure","status":"{{{{memory}}}}","lastHeartbeatTime":"{{{{Now}}}}","lastTransitionTime":"2025-05-01T00:00:00Z","reason":"KubeletHasSufficientMemory","message":"kubelet has sufficient memory available"},
            {"type":"DiskPressure","status":"False","lastHeartbeatTime":"{{{{Now}}}}","lastTransitionTime":"2025-05-01T00:00:00Z","reason":"KubeletHasNoDiskPressure","message":"kubelet has no disk pressure"},
            {"type":"PIDPressure","status":"False","lastHeartbeatTime":"{{{{Now}}}}","lastTransitionTime":"2025-05-01T00:00:00Z","reason":"KubeletHasSufficientPID","message":"kubelet has sufficient PID available"},
            {"type":"Ready","status":"{{{{ready}}}}","lastHeartbeatTime":"{{{{Now}}}}","lastTransitionTime":"2025-05-01T00:00:00Z","reason":"{{{{reason}}}}","message":"{{{{message}}}}"}],
            "addresses":[{"type":"InternalIP","address":"10.0.{{{{a}}}}.{{{{b}}}}"},{"type":"Hostname","address":"{{{{name}}}}"}],
            "nodeInfo":{"kubeletVersion":"v1.33.1","containerRuntimeVersion":"containerd://1.7.27","osImage":"Amazon Linux 2023","kernelVersion":"6.1.132","architecture":"amd64","operatingSystem":"linux"}}}
            """);
    }

    private void Pod(StringBuilder t, int j)
    {
        var dns = j < 2;
        var ns = dns ? "kube-system" : $"team-{j % 50:D2}";
        var app = dns ? "coredns" : $"svc-{j % 400:D3}";
        var labels = dns ? "\"k8s-app\":\"kube-dns\",\"pod-template-hash\":\"7f9c6b5d48\"" : $"\"app\":\"{app}\",\"pod-template-hash\":\"7f9c6b5d48\"";
        var crash = !dns && j % 1000 == 999;
        var pending = !dns && j % 2000 == 1000;
        var node = $"node-{j % nodes:D5}";
        var ready = crash ? "False" : "True";
        var readyBool = crash ? "false" : "true";
        var restarts = crash ? 42 : 0;
        var placement = pending ? "\"schedulerName\":\"default-scheduler\"" : $"\"nodeName\":\"{node}\"";
        var state = crash
            ? """{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 5m0s restarting failed container"}},"lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled","startedAt":"2025-06-12T10:00:00Z","finishedAt":"2025-06-12T10:01:00Z"}}"""
            : """{"running":{"startedAt":"2025-06-01T00:00:00Z"}},"lastState":{}""";
        string status;
        if (pending)
        {
            status = """{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","lastProbeTime":null,"lastTransitionTime":"2025-06-12T10:00:00Z","reason":"Unschedulable","message":"0/5000 nodes are available: 5000 Insufficient cpu. preemption: 0/5000 nodes are available: 5000 No preemption victims found for incoming pod."}],"qosClass":"Burstable"}""";
        }
        else
        {
            var host = $"10.0.{j % nodes / 250}.{j % nodes % 250}";
            var ip = $"100.64.{j / 250 % 250}.{j % 250}";
            status = $$$$"""
                {"phase":"Running","conditions":[{"type":"PodReadyToStartContainers","status":"True","lastProbeTime":null,"lastTransitionTime":"2025-06-01T00:00:00Z"},{"type":"Initialized","status":"True","lastProbeTime":null,"lastTransitionTime":"2025-06-01T00:00:00Z"},{"type":"Ready","status":"{{{{ready}}}}","lastProbeTime":null,"lastTransitionTime":"2025-06-01T00:00:00Z"},{"type":"ContainersReady","status":"{{{{ready}}}}","lastProbeTime":null,"lastTransitionTime":"2025-06-01T00:00:00Z"},{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"2025-06-01T00:00:00Z"}],
                "hostIP":"{{{{host}}}}","podIP":"{{{{ip}}}}","startTime":"2025-06-01T00:00:00Z","containerStatuses":[{"name":"app","state":{{{{state}}}},"ready":{{{{readyBool}}}},"restartCount":{{{{restarts}}}},"image":"registry.example.com/{{{{app}}}}:1.4.2","imageID":"registry.example.com/{{{{app}}}}@sha256:3f1c0f5d9a6b7e8c2d4f6a8b0c1e3d5f7a9b1c3e5d7f9a1b3c5e7d9f1a3b5c7d","containerID":"containerd://{{{{j:D12}}}}","started":{{{{readyBool}}}}}],"qosClass":"Burstable"}
                """;
        }

        t.Append(CultureInfo.InvariantCulture, $$$$"""
            {"metadata":{"name":"{{{{app}}}}-7f9c6b5d48-{{{{j:D6}}}}","generateName":"{{{{app}}}}-7f9c6b5d48-","namespace":"{{{{ns}}}}","uid":"10000000-0000-4000-8000-{{{{j:D12}}}}","resourceVersion":"{{{{2000000 + j}}}}","creationTimestamp":"2025-06-01T00:00:00Z",
            "labels":{{{{{labels}}}}},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"{{{{app}}}}-7f9c6b5d48","uid":"20000000-0000-4000-8000-000000000001","controller":true,"blockOwnerDeletion":true}]},
            "spec":{"containers":[{"name":"app","image":"registry.example.com/{{{{app}}}}:1.4.2","ports":[{"containerPort":8080,"protocol":"TCP"}],"resources":{"requests":{"cpu":"250m","memory":"256Mi"},"limits":{"memory":"512Mi"}},"terminationMessagePath":"/dev/termination-log","imagePullPolicy":"IfNotPresent"}],
            "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"default",{{{{placement}}}},"priority":0,
            "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]},
            "status":{{{{status}}}}}
            """);
    }

    private static void Event(StringBuilder t, int k)
    {
        var ns = $"team-{k % 50:D2}";
        var count = (k % 7) + 1;
        t.Append(CultureInfo.InvariantCulture, $$$$"""
            {"metadata":{"name":"ev-{{{{k}}}}","namespace":"{{{{ns}}}}","creationTimestamp":"{{{{Now}}}}"},"involvedObject":{"kind":"Pod","namespace":"{{{{ns}}}}","name":"svc-{{{{k % 400:D3}}}}-7f9c6b5d48-{{{{k:D6}}}}"},
            "reason":"BackOff","message":"Back-off restarting failed container app","type":"Warning","count":{{{{count}}}},"firstTimestamp":"{{{{Now}}}}","lastTimestamp":"{{{{Now}}}}","source":{"component":"kubelet"}}
            """);
    }

    private static string Leases()
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $$$$"""
            {"kind":"LeaseList","apiVersion":"coordination.k8s.io/v1","metadata":{},"items":[
            {"metadata":{"name":"kube-scheduler","namespace":"kube-system"},"spec":{"holderIdentity":"cp-1","leaseDurationSeconds":15,"renewTime":"{{{{now}}}}"}},
            {"metadata":{"name":"kube-controller-manager","namespace":"kube-system"},"spec":{"holderIdentity":"cp-1","leaseDurationSeconds":15,"renewTime":"{{{{now}}}}"}}]}
            """;
    }

    private const string ResourceList = """
        {"kind":"APIResourceList","groupVersion":"v1","resources":[
        {"name":"nodes","singularName":"node","namespaced":false,"kind":"Node","verbs":["get","list","watch"],"shortNames":["no"]},
        {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get","list","watch"],"shortNames":["po"],"categories":["all"]},
        {"name":"events","singularName":"event","namespaced":true,"kind":"Event","verbs":["get","list","watch"],"shortNames":["ev"]},
        {"name":"resourcequotas","singularName":"resourcequota","namespaced":true,"kind":"ResourceQuota","verbs":["get","list","watch"],"shortNames":["quota"]}]}
        """;
}
