using ChatOps.Chat.Messages;

namespace ChatOps.Tests.Slack;

/// <summary>Realistic messages, as the incident, diagnostics and maintenance features build them, for the renderer's golden files.</summary>
internal static class SlackMessages
{
    public static readonly DateTimeOffset DeclaredAt = new(2026, 3, 2, 9, 14, 0, TimeSpan.Zero);

    public static ChatMessage IncidentDeclared() => new(
        "INC-42 declared (SEV1): Payments API returning 502s",
        [
            new Header("🚨 INC-42 · SEV1 · Payments API returning 502s"),
            new Section(Rich.Of(new Plain("Declared by "), new Mention("U024BE7LH"), new Plain(" · join "), new ChannelRef("C07INC0042", "inc-42-payments-api-502s"))),
            new Section(Rich.Empty,
            [
                new Field("Severity", Rich.Of(new Bold("SEV1"))),
                new Field("Status", "Investigating"),
                new Field("Commander", Rich.Of(new Mention("U024BE7LH"))),
                new Field("Declared", Rich.Of(new Time(DeclaredAt))),
            ]),
            new Actions(
            [
                new Button("Post status update", "/incident status #42", ButtonStyle.Primary),
                new Button("Mitigated", "/incident mitigated #42"),
                new Button("Resolve", "/incident resolve #42", ButtonStyle.Danger),
                new Button("Runbook", Url: "https://runbooks.example.com/payments?service=api&env=prod"),
            ]),
            new Context([Rich.Of(new Plain("Next status update due "), new Time(DeclaredAt.AddMinutes(15)))]),
        ]);

    public static ChatMessage StatusUpdate() => new(
        "INC-42 status: rolled back payments-api to v2.31.4, error rate dropping",
        [
            new Section(Rich.Of(new Bold("Status update"), new Plain(" from "), new Mention("U0G9QF9C6"), new LineBreak(),
                new Plain("Rolled back payments-api to v2.31.4 after the 10:02 deploy; 5xx rate is down from 38% to 2% & falling. Watching the p99 <2s target."))),
            new Context(
            [
                Rich.Of(new Plain("Posted "), new Time(DeclaredAt.AddMinutes(41))),
                Rich.Of(new Plain("Next update due "), new Time(DeclaredAt.AddMinutes(71)), new Plain(" · IC "), new Mention("U024BE7LH")),
            ]),
        ]);

    public static ChatMessage InjectionAttempt() => new(
        "INC-43 declared: <!channel> <@U0ADMIN01> everyone look *now* <https://evil.example|click>",
        [
            new Header("<!channel> everyone look now"),
            new Section(Rich.Of(new Bold("<!here>"), new Plain(" <@U0ADMIN01|admin> &lt; <https://evil.example|totally safe> <!subteam^S123>"))),
            new Section(Rich.Empty, [new Field("Title <!everyone>", Rich.Of(new Code("`<!channel>`")))]),
            new Context([Rich.Of(new Mention("U0ADMIN01><!channel"), new Plain(" "), new ChannelRef("C1><!here"), new Plain(" "), new Link("javascript:alert(1)", "<!channel>"))]),
            new Actions([new Button("<!channel>", "/incident note #43 <!channel>")]),
        ]);

    public static ChatMessage LongDiagnostics()
    {
        var lines = Enumerable.Range(1, 120).Select(i =>
            $"kube-system   coredns-7db6d8ff4d-{i:D3}   0/1   CrashLoopBackOff   {i}   {i % 60}m   10.244.{i % 8}.{i}   node-{i % 5}");
        return new ChatMessage(
            "/diag pods kube-system: 120 pods not ready",
            [
                new Header("Pods not ready in kube-system (prod)"),
                new Preformatted("NAMESPACE     NAME                        READY STATUS             RESTARTS AGE IP           NODE\n" + string.Join('\n', lines)),
                new Context([Rich.Of(new Plain("Read-only · cluster "), new Code("prod"), new Plain(" · full output attached as a file"))]),
            ]);
    }

    public static ChatForm StatusForm() => new(
        "incident-status",
        "Status update for INC-42 (payments)",
        "Post update",
        "/incident status #42 {text}",
        [
            new TextInput("text", "What changed? What's next?", Multiline: true, Placeholder: "Rolled back to v2.31.4; watching error rates"),
            new Choice("severity", "Severity",
            [
                new ChoiceOption("1", "SEV1 · critical"),
                new ChoiceOption("2", "SEV2 · major"),
                new ChoiceOption("3", "SEV3 · minor"),
            ], Initial: "1", Optional: true),
        ]);
}
