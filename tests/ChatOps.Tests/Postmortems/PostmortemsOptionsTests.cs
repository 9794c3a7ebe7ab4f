using ChatOps.Hosting;
using ChatOps.Postmortems;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Tests.Postmortems;

public sealed class PostmortemsOptionsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("-1")]
    public void A_target_outside_0_to_100_percent_stops_start_up_naming_the_key(string value)
    {
        var options = Read(value);

        var error = Assert.Single(options.Validate());

        Assert.StartsWith("Postmortems:AvailabilityTarget must be a percentage", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_such_as_99_9_is_accepted() => Assert.Empty(Read("99.9").Validate());

    private static PostmortemsOptions Read(string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Postmortems:AvailabilityTarget"] = value }).Build()
            .Read<PostmortemsOptions>(PostmortemsOptions.Section);
}
