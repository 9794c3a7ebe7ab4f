using ChatOps.Diagnostics.Commands;

namespace ChatOps.Tests.Diagnostics;

public sealed class DiagRequestTests
{
    [Theory]
    [InlineData("triage", "triage", null, null, null)]
    [InlineData("triage --cluster prod", "triage", null, null, "prod")]
    [InlineData("--cluster=staging pods shop", "pods", "shop", null, "staging")]
    [InlineData("workload shop/checkout", "workload", "shop", "checkout", null)]
    [InlineData("CP", "controlplane", null, null, null)]
    [InlineData("", "help", null, null, null)]
    public void Valid_lines(string text, string sub, string? ns, string? name, string? cluster)
    {
        var request = DiagRequest.Parse(text, out var problem);

        Assert.Null(problem);
        Assert.Equal(new DiagRequest(sub, ns, name, cluster), request);
    }

    [Theory]
    [InlineData("restart shop/checkout", "I don't know /diag restart.")]
    [InlineData("workload checkout", "/diag workload needs <namespace>/<name>")]
    [InlineData("pods Shop_1", "is not a namespace name")]
    [InlineData("pods a b", "takes at most one namespace")]
    [InlineData("nodes extra", "takes no argument")]
    public void Invalid_lines_say_why(string text, string expected)
    {
        Assert.Null(DiagRequest.Parse(text, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
