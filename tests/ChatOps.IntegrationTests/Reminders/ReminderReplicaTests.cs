using System.Globalization;
using System.Text.RegularExpressions;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using Dapper;
using Npgsql;
using static ChatOps.IntegrationTests.Slack.SlackIncidentTests;

namespace ChatOps.IntegrationTests.Reminders;

/// <summary>
/// Acceptance 4: two bot processes on one PostgreSQL, 200 incidents on 15/20/25-second cadences.
/// For 95 seconds every reminder is answered with a status update (through either process), which
/// restarts the clock and makes the next reminder due; then the last reminders are awaited: about
/// two minutes of reminders in all. Every clock start must produce exactly one reminder at the
/// fake Slack API: none missing, none twice.
/// </summary>
public sealed partial class ReminderReplicaTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Incidents = 200;
    private static readonly TimeSpan Answering = TimeSpan.FromSeconds(95);

    [Fact]
    public async Task Two_processes_on_one_PostgreSQL_send_every_reminder_of_200_incidents_exactly_once()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var slack = await StartSlackAsync();
        var storage = await TestStores.CreateAsync(StorageProvider.Postgres, "replicas");
        var settings = Settings(slack);
        foreach (var (key, value) in storage.Settings())
        {
            settings[key] = value;
        }

        settings["Incidents:StatusCadence:Sev1"] = "00:00:15";
        settings["Incidents:StatusCadence:Sev2"] = "00:00:20";
        settings["Incidents:StatusCadence:Sev3"] = "00:00:25";
        settings["Incidents:Reminders:CheckpointsEnabled"] = "false";
        await using var one = AppProcess.Start(settings);
        await using var two = AppProcess.Start(settings);
        // Generous: two .NET processes starting at once on a busy 2-core CI machine.
        await Task.WhenAll(one.WaitReadyAsync(TimeSpan.FromSeconds(120)), two.WaitReadyAsync(TimeSpan.FromSeconds(120)));
        output.WriteLine($"{watch.Elapsed}: both processes ready");
        using var clientOne = new HttpClient { BaseAddress = one.BaseAddress };
        using var clientTwo = new HttpClient { BaseAddress = two.BaseAddress };
        HttpClient[] replicas = [clientOne, clientTwo];

        for (var n = 1; n <= Incidents; n++)
        {
            using var ack = await replicas[n % 2].SendAsync(Requests().Command("/incident", $"declare sev{(n % 3) + 1} Load {n}", channelId: "C0OPSCHAN1"));
            ack.EnsureSuccessStatusCode();
        }

        await slack.WaitUntilAsync(() => slack.Channels.Count(c => c.Pins.Count == 1) == Incidents, TimeSpan.FromSeconds(60), "200 provisioned incident channels");
        output.WriteLine($"{watch.Elapsed}: 200 incidents declared and provisioned");
        var channels = slack.Channels.Where(c => c.Name.StartsWith("inc-", StringComparison.Ordinal)).ToDictionary(c => c.Id, c => Number(c.Name));

        // Answer each reminder with a status update, alternating the process that takes it.
        var answered = new Dictionary<string, int>(StringComparer.Ordinal);
        var stopAt = DateTime.UtcNow + Answering;
        var turn = 0;
        while (DateTime.UtcNow < stopAt)
        {
            foreach (var (channel, count) in ReminderCounts(slack))
            {
                if (count > answered.GetValueOrDefault(channel))
                {
                    answered[channel] = count;
                    using var ack = await replicas[turn++ % 2].SendAsync(Requests().Command("/incident", $"status Still on it ({count})", channelId: channel));
                    ack.EnsureSuccessStatusCode();
                }
            }

            await Task.Delay(250);
        }

        output.WriteLine($"{watch.Elapsed}: stopped answering");

        // Every clock start (the declaration and each update) owes exactly one reminder.
        var expected = await ClockStartsAsync(storage.ConnectionString);
        await slack.WaitUntilAsync(
            () => channels.All(c => ReminderCounts(slack).GetValueOrDefault(c.Key) >= expected[c.Value]),
            TimeSpan.FromSeconds(60), "the last reminder of every incident");
        output.WriteLine($"{watch.Elapsed}: last reminders arrived");
        await Task.Delay(TimeSpan.FromSeconds(5));

        var reminders = ReminderDues(slack);
        output.WriteLine($"{reminders.Count} reminders, {expected.Values.Sum()} expected");
        var duplicates = reminders.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var counts = ReminderCounts(slack);
        var missing = channels.Where(c => counts.GetValueOrDefault(c.Key) < expected[c.Value]).Select(c => c.Value).ToList();
        Assert.True(duplicates.Count == 0, $"reminders sent twice: {string.Join(", ", duplicates.Take(10))}");
        Assert.True(missing.Count == 0, $"incidents missing a reminder: {string.Join(", ", missing.Take(20))}");
        Assert.Equal(expected.Values.Sum(), reminders.Count);
        Assert.True(reminders.Count >= 2 * Incidents, $"only {reminders.Count} reminders: the run did not exercise repeated cycles");
        await using var connection = new NpgsqlConnection(storage.ConnectionString);
        Assert.Equal(reminders.Count, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM reminder_sends WHERE kind = 'Reminder'"));
        // Overdue notices differ by incident, due instant and attempt: two identical ones would be one sent twice.
        var overdue = slack.CallsTo("chat.postMessage").Where(c => c.Ok && c["channel"] == "C0BROADCST" && c["text"]!.Contains("update overdue", StringComparison.Ordinal))
            .Select(ReminderSlackTests.Blocks).ToList();
        Assert.Equal(overdue.Count, overdue.Distinct(StringComparer.Ordinal).Count());
        Assert.False(one.HasExited || two.HasExited, "a process died during the run");
    }

    private static Dictionary<string, int> ReminderCounts(FakeSlack slack) =>
        ReminderDues(slack).GroupBy(r => r.Channel).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>(channel, due instant) of every reminder delivered; the due instant is the date token in its text.</summary>
    private static List<(string Channel, long Due)> ReminderDues(FakeSlack slack) =>
        [.. slack.CallsTo("chat.postMessage")
            .Where(c => c.Ok && c["text"]?.Contains("status update due", StringComparison.Ordinal) == true)
            .Select(c => (c["channel"]!, long.Parse(DateToken().Match(ReminderSlackTests.Blocks(c)).Groups[1].Value, CultureInfo.InvariantCulture)))];

    /// <summary>Per incident: its declaration plus its status updates, read back from the database.</summary>
    private static async Task<Dictionary<long, int>> ClockStartsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var rows = await connection.QueryAsync<(long Number, long Starts)>(
            "SELECT incident_number, count(*) FROM timeline_entries WHERE kind IN ('Declared', 'Status') GROUP BY incident_number");
        return rows.ToDictionary(r => r.Number, r => (int)r.Starts);
    }

    private static long Number(string channelName) => long.Parse(channelName.Split('-')[1], CultureInfo.InvariantCulture);

    [GeneratedRegex(@"<!date\^(\d+)\^")]
    private static partial Regex DateToken();
}
