using ChatOps.Incidents;

namespace ChatOps.Tests.Postmortems;

/// <summary>The incidents the golden drafts are made from, shaped after real postmortems.</summary>
internal static class Stories
{
    private const string Alice = "U01ALICE00";
    private const string Bob = "U02BOB0000";
    private const string Carol = "U03CAROL00";
    private const string Dan = "U04DAN0000";
    private const string Erin = "U05ERIN000";

    /// <summary>A Kubernetes upgrade takes etcd quorum down: four hours, updates lapse, a restore from snapshot.</summary>
    public static IncidentStory ControlPlaneOutage()
    {
        var s = IncidentStory.Declare(new DateTimeOffset(2026, 3, 10, 14, 2, 0, TimeSpan.Zero), Severity.Sev2, "Control plane unavailable during 1.29 to 1.30 upgrade", Alice);
        s.Message(1, Alice, "alice", "kubectl hangs against prod-eu-1, upgrade was on the second control-plane node");
        s.Role(2, Alice, IncidentRole.Ops, Bob);
        s.Role(3, Alice, IncidentRole.Comms, Carol);
        s.Diagnostics(4, Bob, "controlplane", "prod-eu-1", "etcd quorum lost", ["etcd leader changes", "apiserver 503"], "2 of 3 etcd members unhealthy; apiserver answering 503");
        s.Severity(6, Alice, Severity.Sev2, Severity.Sev1);
        s.Status(8, Carol, "Kubernetes API of prod-eu-1 is down. Running workloads keep serving; deploys and scaling are blocked.");
        var pinned = s.Message(12, Bob, "bob", "etcd-1 was upgraded before etcd-0 rejoined, so quorum dropped to 1 of 3", pinned: true);
        s.Note(15, Bob, "Upgrade paused; no more control-plane nodes will be touched");
        s.Status(22, Carol, "Still down. Ops is restoring etcd quorum.");
        s.Reminder(38, s.At(37));
        s.Message(40, Dan, "dan", "last etcd backup is from 02:00, the 08:00 backup job failed silently");
        s.Escalation(53, s.At(52), "the SEV1 escalation group");
        s.Status(74, Alice, "Restoring etcd from the 02:00 snapshot. Expect the API back within two hours.");
        s.Diagnostics(80, Bob, "nodes", "prod-eu-1", "3 nodes NotReady", ["kubelet cannot reach apiserver"], "47 Ready, 3 NotReady");
        var typo = s.Message(95, Erin, "erin", "HPA is scaling checkout down becuase metrics are stale");
        s.Edit(typo, 96, Erin, "HPA cannot scale checkout because metrics are stale");
        var wrong = s.Message(101, Dan, "dan", "restore failed, starting over");
        s.Delete(wrong, 102, Dan);
        s.Status(104, Carol, "Snapshot restore in progress on etcd-0; members 1 and 2 will rejoin after it.");
        s.Status(119, Carol, "etcd-0 restored; rejoining etcd-1.");
        s.Status(134, Carol, "Quorum is back (3 of 3). apiserver is starting.");
        s.Status(149, Carol, "apiserver healthy; controllers are catching up.");
        s.Status(164, Carol, "Deploys are possible again; we are watching the backlog of pending pods.");
        s.Note(170, Bob, "Runbook step 4 (rejoin order) was missing; we followed the upstream docs");
        s.Status(179, Carol, "Pending pods dropping: 1,200 -> 180.");
        s.Status(194, Carol, "Pending pods at 0. Finishing checks before calling it mitigated.");
        s.Status(209, Carol, "All nodes Ready; checking the remaining upgrade state.");
        s.Mitigate(230, Alice, "API and scheduling healthy; upgrade stays paused");
        s.Status(240, Carol, "Mitigated: the API is back and deploys work. The upgrade stays paused until the review.");
        s.Resolve(245, Alice, "Stable for 15 minutes");
        s.Close(260, Alice);
        s.Action("Add an etcd quorum check before each control-plane node in the upgrade runbook", Bob, new DateOnly(2026, 3, 24));
        s.Action("Alert when the etcd backup job fails", Dan, new DateOnly(2026, 3, 17), done: true);
        s.Action("Rehearse an etcd restore on staging every quarter", null, null);
        s.Edit(pinned, 13, Bob, "etcd-1 was upgraded before etcd-0 rejoined, so quorum dropped to 1 of 3 members");
        return s;
    }

    /// <summary>A bad release breaks the public API for fifteen minutes; rolled back fast.</summary>
    public static IncidentStory QuickRollback()
    {
        var s = IncidentStory.Declare(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Severity.Sev1, "Public API returns 502 after v42 release", Carol);
        s.Message(1, Carol, "carol", "502s started at 08:58, right after v42 rolled out");
        s.Diagnostics(3, Dan, "workload api/public-api", "prod-us-1", "CrashLoopBackOff", ["missing env PAYMENTS_URL"], "public-api pods crash on start: missing env PAYMENTS_URL");
        s.Status(5, Carol, "Public API failing since 08:58 after the v42 release. Rolling back to v41.");
        s.Note(10, Dan, "Rolled back to v41");
        s.Mitigate(12, Carol, "Error rate back to baseline");
        s.Resolve(15, Carol, "v41 stable");
        s.Close(30, Carol);
        s.Action("Fail the deploy when a required env var is missing", Dan, new DateOnly(2026, 3, 9));
        s.Action("Canary v43 on 5% before full rollout", Carol, new DateOnly(2026, 3, 16));
        return s;
    }
}
