using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Extractor.E2E;

public sealed record StatusCounts(int Queued, int Processing, int Done, int Failed)
{
    public int Finished => Done + Failed;
}

/// <summary>The service's HTTP API as the benchmark uses it; every call has a timeout.</summary>
public sealed class ServiceClient(string baseUrl, string apiKey) : IDisposable
{
    private readonly HttpClient _http = CreateClient(baseUrl, apiKey);

    private static HttpClient CreateClient(string baseUrl, string apiKey)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(120),
        };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }

    /// <summary>Uploads one batch; returns the document ids in upload order.</summary>
    public async Task<List<Guid>> UploadAsync(IReadOnlyList<GeneratedDocument> docs, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        foreach (var d in docs)
        {
            var part = new ByteArrayContent(d.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", d.FileName);
        }
        using var response = await _http.PostAsync("/api/batches", form, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"upload answered {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        }
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("documentId").GetGuid()).ToList();
    }

    /// <summary>Documents by status across the whole store (the total of a one-item page per status).</summary>
    public async Task<StatusCounts> CountsAsync(CancellationToken ct)
    {
        var totals = new int[4];
        var statuses = new[] { "queued", "processing", "done", "failed" };
        for (var i = 0; i < 4; i++)
        {
            using var json = await GetJsonAsync($"/api/documents?status={statuses[i]}&pageSize=1", ct);
            totals[i] = json.RootElement.GetProperty("total").GetInt32();
        }
        return new StatusCounts(totals[0], totals[1], totals[2], totals[3]);
    }

    public async Task<List<Guid>> DonePageAsync(int page, int pageSize, CancellationToken ct)
    {
        using var json = await GetJsonAsync($"/api/documents?status=done&page={page}&pageSize={pageSize}", ct);
        return json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
    }

    public async Task<JsonDocument> GetJsonAsync(string url, CancellationToken ct)
    {
        using var response = await _http.GetAsync(url, ct);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
    }

    /// <summary>One timed GET: the whole body is read; the time is in milliseconds; a failure is counted, not thrown.</summary>
    public async Task<(double Ms, bool Ok)> TimedGetAsync(string url, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
            return (sw.Elapsed.TotalMilliseconds, response.IsSuccessStatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return (sw.Elapsed.TotalMilliseconds, false); // refused (a killed worker), or the client's own timeout
        }
    }

    /// <summary>A timed GET that also returns the body (for /health: the worker's own heartbeat age).</summary>
    public async Task<(double Ms, bool Ok, string Body)> TimedGetBodyAsync(string url, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return (sw.Elapsed.TotalMilliseconds, response.IsSuccessStatusCode, body);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return (sw.Elapsed.TotalMilliseconds, false, "");
        }
    }

    public async Task<bool> HealthyAsync(string url, CancellationToken ct)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await _http.GetAsync(url, cts.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();
}
