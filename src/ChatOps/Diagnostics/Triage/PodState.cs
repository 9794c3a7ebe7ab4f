using System.Text.Json;

namespace ChatOps.Diagnostics.Triage;

/// <summary>What is wrong with one pod, in kubectl's vocabulary (STATUS column), or null when it is fine.</summary>
public sealed record PodProblem(string Kind, string Status, string Detail);

/// <summary>Classifies a pod the way kubectl's printer and popeye do, from its status alone.</summary>
public static class PodState
{
    public const string CrashLoop = "crashloop";
    public const string Image = "image";
    public const string Config = "config";
    public const string Sandbox = "sandbox";
    public const string Unschedulable = "unschedulable";
    public const string Evicted = "evicted";
    public const string Terminating = "terminating";
    public const string NotReady = "notready";
    public const string Failed = "failed";
    public const string Pending = "pending";

    private static readonly HashSet<string> ImageReasons = new(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName", "ImageInspectError", "RegistryUnavailable", "SignatureValidationFailed",
    };

    public static long Restarts(JsonElement pod) =>
        pod.Array("status", "containerStatuses").Sum(c => c.Long("restartCount"));

    public static PodProblem? Classify(JsonElement pod)
    {
        var phase = pod.Str("status", "phase") ?? "Unknown";
        if (pod.Str("metadata", "deletionTimestamp") is not null)
        {
            return new PodProblem(Terminating, "Terminating", $"deletion requested {pod.Str("metadata", "deletionTimestamp")}");
        }

        if (phase == "Succeeded")
        {
            return null;
        }

        if (phase == "Failed")
        {
            var reason = pod.Str("status", "reason");
            return reason == "Evicted"
                ? new PodProblem(Evicted, "Evicted", pod.Str("status", "message") ?? "evicted")
                : new PodProblem(Failed, reason ?? "Failed", pod.Str("status", "message") ?? "the pod failed");
        }

        if (pod.Condition("PodScheduled") is { } scheduled && scheduled.Str("status") == "False")
        {
            return new PodProblem(Unschedulable, "Pending", scheduled.Str("message") ?? scheduled.Str("reason") ?? "not scheduled");
        }

        foreach (var (statuses, prefix) in new[] { ("initContainerStatuses", "Init:"), ("containerStatuses", string.Empty) })
        {
            foreach (var container in pod.Array("status", statuses))
            {
                var waiting = container.Str("state", "waiting", "reason");
                if (waiting is null || waiting is "PodInitializing")
                {
                    continue;
                }

                var name = container.Str("name") ?? "?";
                if (waiting == "CrashLoopBackOff")
                {
                    var last = container.Str("lastState", "terminated", "reason");
                    var exit = container.Long("lastState", "terminated", "exitCode");
                    var why = last is null ? string.Empty : $", last exit {last}{(exit != 0 ? $" ({exit})" : string.Empty)}";
                    return new PodProblem(CrashLoop, prefix + waiting, $"container {name} restarted {container.Long("restartCount")} times{why}");
                }

                if (ImageReasons.Contains(waiting))
                {
                    return new PodProblem(Image, prefix + waiting, $"image {container.Str("image") ?? "?"}");
                }

                if (waiting is "CreateContainerConfigError" or "CreateContainerError" or "RunContainerError")
                {
                    return new PodProblem(Config, prefix + waiting, container.Str("state", "waiting", "message") ?? waiting);
                }

                if (waiting == "ContainerCreating" && pod.Condition("PodReadyToStartContainers")?.Str("status") == "False")
                {
                    return new PodProblem(Sandbox, "ContainerCreating", "sandbox/network not set up yet");
                }
            }
        }

        if (phase == "Pending")
        {
            return new PodProblem(Pending, "Pending", "containers not started");
        }

        if (phase == "Running" && pod.Condition("Ready")?.Str("status") == "False")
        {
            return new PodProblem(NotReady, "Running (not ready)", pod.Condition("Ready")?.Str("message") ?? "not ready");
        }

        return phase == "Running" ? null : new PodProblem(Pending, phase, "unexpected phase");
    }

    /// <summary>The workload behind a pod: its controller's name without the ReplicaSet hash ("shop/checkout").</summary>
    public static string Workload(JsonElement pod)
    {
        var owner = pod.Array("metadata", "ownerReferences").Select(o => o.Str("name")).FirstOrDefault() ?? pod.Name();
        var hash = pod.Label("pod-template-hash");
        if (hash is not null && owner.EndsWith("-" + hash, StringComparison.Ordinal))
        {
            owner = owner[..^(hash.Length + 1)];
        }

        return $"{pod.Namespace()}/{owner}";
    }
}
