using ChatOps.Chat.Messages;
using ChatOps.Diagnostics.Commands;

namespace ChatOps.Tests.Diagnostics;

public sealed class DiagRendererTests
{
    private static readonly DiagResult Long = new(
        "Pods in shop (prod)", "12 of 40 pods are unhealthy.",
        [new DiagSection("Unhealthy pods", Enumerable.Range(1, 12).Select(i => $"shop/api-{i} CrashLoopBackOff token=abc{i}def").ToList())],
        ["/diag workload shop/api"], ["events: timed out"], "partial");

    [Fact]
    public void Summary_first_top_items_a_truncation_notice_and_the_full_list_as_a_file()
    {
        var (message, file) = DiagRenderer.Render(Long, "prod", maxItems: 5, canAttach: true);

        Assert.Equal("Pods in shop (prod)", Assert.IsType<Header>(message.Blocks[0]).Text);
        Assert.Equal("12 of 40 pods are unhealthy.", ((Section)message.Blocks[1]).Text.ToPlainText());
        var list = ((Section)message.Blocks[2]).Text.ToPlainText();
        Assert.Contains("shop/api-5", list, StringComparison.Ordinal);
        Assert.DoesNotContain("shop/api-6 ", list, StringComparison.Ordinal);
        Assert.Contains("…and 7 more (full list in the attached file)", list, StringComparison.Ordinal);
        Assert.Contains("not checked: events: timed out", ((Context)message.Blocks[^1]).Elements[0].ToPlainText(), StringComparison.Ordinal);
        Assert.NotNull(file);
        Assert.Contains("shop/api-12", file!.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("abc12def", file.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_text_is_redacted_and_enters_only_as_plain_text()
    {
        var (message, _) = DiagRenderer.Render(Long, "prod", maxItems: 5, canAttach: false);

        var inlines = message.Blocks.OfType<Section>().SelectMany(s => s.Text.Parts).ToList();
        Assert.DoesNotContain(inlines, i => i is Mention or Link or ChannelRef);
        Assert.DoesNotContain("abc1def", string.Join(" ", inlines.Select(i => i.ToPlainText())), StringComparison.Ordinal);
        Assert.Contains("narrow it with a namespace", ((Context)message.Blocks[^1]).Elements[0].ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_result_has_no_file()
    {
        var (_, file) = DiagRenderer.Render(Long with { Sections = [new DiagSection("x", ["one"])] }, "prod", 5, canAttach: true);

        Assert.Null(file);
    }
}
