using System.Net;
using Extractor.Server.Tests.Infrastructure;

namespace Extractor.Server.Tests;

/// <summary>Every endpoint but /health needs a key with the right role; keys never reach the logs.</summary>
public sealed class SecurityTests : StoreTests
{
    public SecurityTests() : base(null)
    {
    }

    [Theory]
    [InlineData(null, "GET", "/api/documents", HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", "GET", "/api/documents", HttpStatusCode.Unauthorized)]
    [InlineData("analyst", "POST", "/api/batches", HttpStatusCode.Forbidden)]
    [InlineData("auditor", "POST", "/api/batches", HttpStatusCode.Forbidden)]
    [InlineData("uploader", "GET", "/api/figures?field=active.licensing", HttpStatusCode.Forbidden)]
    [InlineData("uploader", "GET", "/api/export", HttpStatusCode.Forbidden)]
    [InlineData("analyst", "GET", "/api/review", HttpStatusCode.Forbidden)]
    [InlineData("analyst", "PUT", "/api/documents/00000000-0000-0000-0000-000000000001/fields/active.licensing", HttpStatusCode.Forbidden)]
    [InlineData("auditor", "POST", "/api/documents/00000000-0000-0000-0000-000000000001/extract", HttpStatusCode.Forbidden)]
    [InlineData("auditor", "GET", "/hangfire", HttpStatusCode.Forbidden)]
    [InlineData(null, "GET", "/hangfire", HttpStatusCode.Unauthorized)]
    [InlineData(null, "GET", "/openapi/v1.json", HttpStatusCode.Unauthorized)]
    [InlineData("admin", "GET", "/hangfire", HttpStatusCode.OK)]
    [InlineData("analyst", "GET", "/api/figures?field=active.licensing", HttpStatusCode.OK)]
    [InlineData("auditor", "GET", "/api/review", HttpStatusCode.OK)]
    [InlineData("uploader", "GET", "/api/documents", HttpStatusCode.OK)]
    [InlineData("uploader", "GET", "/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData(null, "GET", "/health", HttpStatusCode.OK)]
    [InlineData(null, "GET", "/scalar", HttpStatusCode.Unauthorized)]
    [InlineData("analyst", "GET", "/scalar", HttpStatusCode.OK)]
    public async Task Endpoint_AnswersByRole(string? role, string method, string url, HttpStatusCode expected)
    {
        var factory = Server(await NewStoreAsync());
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "PUT")
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(new { value = 1, reason = "x" });
        }
        using var response = await factory.Client(role).SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesTheApiAndTheKeyHeader()
    {
        var factory = Server(await NewStoreAsync());
        var json = await factory.Client("analyst").GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/batches", json);
        Assert.Contains("/api/figures/summary", json);
        Assert.Contains("X-Api-Key", json);
    }

    [Fact]
    public void Start_WithoutAnyKey_IsRefusedOutsideDevelopment()
    {
        var options = new Hosting.ServerOptions();
        var ex = Assert.Throws<InvalidOperationException>(() => Security.ApiKeyRing.Build(options, null, isDevelopment: false));
        Assert.Contains("EXTRACTOR_ADMIN_KEY", ex.Message);
        var dev = Security.ApiKeyRing.Build(options, null, isDevelopment: true);
        Assert.True(dev.UsesDevelopmentKey);
        Assert.Equal("dev-admin", dev.Find("dev-admin-key")!.Value.Name);
        var boot = Security.ApiKeyRing.Build(options, "from-env", isDevelopment: false);
        Assert.Equal(["admin"], boot.Find("from-env")!.Value.Roles);
        Assert.Null(boot.Find("dev-admin-key"));
    }

    [Fact]
    public async Task Logs_HoldNoKeyNorContent_AndJobLinesCarryTheDocumentId()
    {
        var factory = Server(await NewStoreAsync());
        var client = factory.Client("admin");
        var batch = await Api.UploadAsync(client, ("r.txt", Samples.SeedReport()));
        await Api.WaitFinishedAsync(client, batch.Id);
        using (await factory.Client("wrong-key-never-logged").GetAsync("/api/documents")) { }

        var lines = factory.Logs.Lines.ToList();
        var all = string.Join("\n", lines.Select(l => l.Message + " " + string.Join(" ", l.Scopes)));
        foreach (var key in ServerFactory.Keys.Values.Append("wrong-key-never-logged"))
        {
            Assert.DoesNotContain(key, all);
        }
        Assert.DoesNotContain("聚焦省、市、县政务公开工作要点", all);
        var jobLines = lines.Where(l => l.Category.EndsWith("ExtractDocumentJob", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(jobLines);
        var id = batch.Entries[0].DocumentId.ToString();
        Assert.All(jobLines, l => Assert.Contains(l.Scopes, s => s?.ToString()?.Contains(id, StringComparison.Ordinal) == true));
    }
}
