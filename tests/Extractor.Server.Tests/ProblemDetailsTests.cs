using System.Net;
using System.Text;
using System.Text.Json;
using Extractor.Server.Tests.Infrastructure;

namespace Extractor.Server.Tests;

/// <summary>API errors are Problem Details (RFC 9457) naming the field and the reason, in every environment; no error page echoes the request's headers.</summary>
public sealed class ProblemDetailsTests : StoreTests
{
    public ProblemDetailsTests() : base(null)
    {
    }

    [Theory]
    [InlineData("Development", "{\"value\": \"twelve\", \"reason\": \"checked\"}", "value")]
    [InlineData("Production", "{\"value\": \"twelve\", \"reason\": \"checked\"}", "value")]
    [InlineData("Development", "{\"value\": 3, \"reason\": ", "reason")]
    [InlineData("Production", "this is not JSON", null)]
    [InlineData("Production", "{\"value\": 3, \"reason\": [1, 2]}", "reason")]
    public async Task Correction_WithBrokenJsonOrWrongType_Is400ProblemDetails_NeverEchoingTheKey(string environment, string body, string? field)
    {
        var factory = Server(await NewStoreAsync(), Hosting.ServerRole.Api);
        factory.EnvironmentName = environment;
        var client = factory.Client("admin");
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await client.PutAsync("/api/documents/00000000-0000-0000-0000-000000000001/fields/active.licensing", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ServerFactory.Keys["admin"], text);
        Assert.DoesNotContain("X-Api-Key", text, StringComparison.OrdinalIgnoreCase);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        if (field is null)
        {
            Assert.False(problem.RootElement.TryGetProperty("field", out _));
        }
        else
        {
            Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
            Assert.Contains(field, problem.RootElement.GetProperty("detail").GetString());
        }
    }

    /// <summary>The endpoints' own refusals (not found, conflict, no key, wrong role) are Problem Details too, with the old "error" kept.</summary>
    [Theory]
    [InlineData("admin", "/api/documents/00000000-0000-0000-0000-000000000001", 404)]
    [InlineData("admin", "/api/figures?field=no.such.field", 400)]
    [InlineData(null, "/api/documents", 401)]
    [InlineData("analyst", "/api/review", 403)]
    public async Task EveryRefusal_IsProblemDetails_WithItsStatus(string? role, string url, int status)
    {
        var factory = Server(await NewStoreAsync(), Hosting.ServerRole.Api);
        var client = factory.Client(role);

        using var response = await client.GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
        Assert.Equal(problem.RootElement.GetProperty("detail").GetString(), problem.RootElement.GetProperty("error").GetString());
    }
}
