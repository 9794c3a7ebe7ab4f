using ChatOps.Diagnostics;

namespace ChatOps.Tests.Diagnostics;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl", "eyJhbGci")]
    [InlineData("connecting with password=hunter2xyz failed", "hunter2xyz")]
    [InlineData("DB_PASSWORD: s3cr3t-value", "s3cr3t-value")]
    [InlineData("\"apiKey\":\"abcd1234efgh\"", "abcd1234efgh")]
    [InlineData("fetch https://deploy:glpat-xxxxxxxxxxxxxxxxxxxx@gitlab.example.com/repo.git", "glpat-")]
    [InlineData("AWS key AKIAABCDEFGHIJKLMNOP in use", "AKIAABCDEFGHIJKLMNOP")]
    [InlineData("slack token xoxb-1234567890-abcdefghij", "xoxb-1234567890")]
    [InlineData("postgres://app:Pa55word@db:5432/app", "Pa55word")]
    public void Credentials_are_masked(string text, string secret)
    {
        var cleaned = Redaction.Clean(text);

        Assert.DoesNotContain(secret, cleaned, StringComparison.Ordinal);
        Assert.Contains(Redaction.Mask, cleaned, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Error: secret \"orders-db-credentials\" not found")]
    [InlineData("MountVolume.SetUp failed for volume \"tls\" : secret \"inventory-tls\" not found")]
    [InlineData("Back-off restarting failed container checkout in pod checkout-7f9c6b5d48-x2k8p_shop")]
    [InlineData("0/6 nodes are available: 1 Insufficient cpu.")]
    public void Ordinary_diagnostics_are_left_alone(string text) => Assert.Equal(text, Redaction.Clean(text));
}
