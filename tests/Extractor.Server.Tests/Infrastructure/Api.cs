using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Extractor.Server.Contracts;

namespace Extractor.Server.Tests.Infrastructure;

/// <summary>The calls the tests make, through real HTTP, into the server's own DTOs.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<BatchCreatedDto> UploadAsync(HttpClient client, params (string Name, byte[] Content)[] files)
    {
        using var response = await client.PostAsync("/api/batches", Samples.Form(files));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<BatchCreatedDto>(body, Json)!;
    }

    /// <summary>The message of an error answer: the Problem Details' detail.</summary>
    public static string ErrorOf(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : doc.RootElement.GetProperty("error").GetString() ?? "";
    }

    public static Task<BatchDto> BatchAsync(HttpClient client, Guid id) =>
        client.GetFromJsonAsync<BatchDto>($"/api/batches/{id}", Json)!;

    public static Task<BatchDto> WaitFinishedAsync(HttpClient client, Guid batchId, TimeSpan? timeout = null) =>
        Poll.UntilAsync(() => BatchAsync(client, batchId), b => b.Finished, timeout ?? TimeSpan.FromSeconds(90), $"batch {batchId} finished");

    public static async Task<DocumentDto> DocumentAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<DocumentDto>($"/api/documents/{id}", Json))!;

    public static async Task<JsonElement> ResultAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/documents/{id}/result");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"result answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> CorrectAsync(HttpClient client, Guid id, string path, decimal? value, string reason) =>
        await client.PutAsJsonAsync($"/api/documents/{id}/fields/{path}", new CorrectionRequest(value, reason), Json);
}
