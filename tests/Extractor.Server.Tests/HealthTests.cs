using Extractor.Server.Hosting;
using Extractor.Server.Tests.Infrastructure;

namespace Extractor.Server.Tests;

/// <summary>/health of a worker reports its own Hangfire heartbeat (deploy/README.md, Hangfire tuning); an api has none.</summary>
public sealed class HealthTests() : StoreTests(null)
{
    [Fact]
    public async Task Health_ReportsTheWorkersOwnHeartbeat_WhenItRunsJobs()
    {
        var store = await NewStoreAsync();
        var client = Server(store).CreateClient();
        var body = "";
        // The Hangfire server registers itself within moments of start-up; bounded wait.
        for (var i = 0; i < 50; i++)
        {
            body = await client.GetStringAsync("/health");
            if (body.Contains("heartbeat", StringComparison.Ordinal))
            {
                break;
            }
            await Task.Delay(200);
        }
        Assert.Matches(@"own heartbeat \d+ s ago", body);
        Assert.Contains("\"status\":\"Healthy\"", body);
    }

    [Fact]
    public async Task Health_HasNoHeartbeat_WhenTheRoleIsApi()
    {
        var store = await NewStoreAsync();
        var body = await Server(store, ServerRole.Api).CreateClient().GetStringAsync("/health");
        Assert.DoesNotContain("heartbeat", body);
        Assert.Contains("\"status\":\"Healthy\"", body);
    }
}
