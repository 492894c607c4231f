using System.Collections.Concurrent;
using System.Diagnostics;

namespace Extractor.E2E;

public sealed record RunOptions
{
    public int Documents { get; init; } = 1000;
    public string Store { get; init; } = "postgres";
    public int Workers { get; init; } = 1;
    public int BatchSize { get; init; } = 100;
    public int QueryConcurrency { get; init; } = 4;

    /// <summary>Pause of each query client between two queries (an analyst's pace rather than a flood).</summary>
    public int ThinkMs { get; init; } = 100;
    public int Port { get; init; } = 5280;
    public int Seed { get; init; } = 1;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
    public Dictionary<string, string> ServerOptions { get; init; } = [];

    /// <summary>Fault drill: kill -9 worker 1 when this share of documents is finished (null: no kill).</summary>
    public double? KillWorkerAt { get; init; }

    /// <summary>Fault drill: stop PostgreSQL for OutageSeconds when this share is finished (null: no outage).</summary>
    public double? DbOutageAt { get; init; }
    public int OutageSeconds { get; init; } = 10;
    public string Label => Store == "sqlite" ? "SQLite, embedded (1 process, role Both)" : $"PostgreSQL, 1 api + {Workers} worker process{(Workers > 1 ? "es" : "")}";
}

public sealed record Latency(int Count, int Errors, double P50, double P99, double Max);

public sealed record RunResult(
    RunOptions Options, int Documents, int Done, int Failed, double UploadSeconds, double TotalSeconds, double DocsPerSecond,
    Latency Result, Latency Figures, Latency Summary, Dictionary<string, Latency> Health, Dictionary<string, int> MaxHeartbeatAgeSeconds,
    Dictionary<string, long> PeakBytes, long HarnessPeakBytes, string LoadAverage, List<string> Events, DrillReport? Drill,
    List<string> ExtractionTimes);

/// <summary>
/// One end-to-end run: start the cluster, upload N generated reports in batches, and while they are extracted keep a
/// bounded concurrent query load (result, figures, summary) and probe every process's /health; stop when all are
/// finished (or the timeout), then stop the cluster. Faults (worker kill, database outage) are optional.
/// </summary>
public static class Run
{
    private static readonly string[] QueryFields =
    [
        "applications.newReceived.total", "applications.granted.total", "active.licensing",
        "applications.resultsTotal.natural", "reviewLitigation.review.total",
    ];

    public static async Task<RunResult> ExecuteAsync(string repoRoot, RunOptions o)
    {
        var events = new List<string>();
        void Event(string s)
        {
            var line = $"[{DateTime.Now:HH:mm:ss}] {s}";
            lock (events)
            {
                events.Add(line);
            }
            Console.Error.WriteLine(line);
        }

        var docs = Corpus.Generate(Corpus.LoadFixtures(repoRoot), o.Documents, o.Seed);
        Event($"{o.Label}: {docs.Count} documents generated ({docs.Sum(d => d.Content.LongLength) / 1024} KiB)");
        await using var cluster = new Cluster(repoRoot, o.Store, o.Workers, o.Port, o.ServerOptions);
        await cluster.UpAsync();
        await using var memory = new MemorySampler(cluster.Pids);
        using var client = new ServiceClient(cluster.BaseUrl, Environment.GetEnvironmentVariable("EXTRACTOR_ADMIN_KEY") ?? "dev-admin-key");
        using var overall = new CancellationTokenSource(o.Timeout);
        var ct = overall.Token;

        var ids = new List<Guid>();
        var done = new ConcurrentBag<Guid>();
        var stopLoad = new CancellationTokenSource();
        var latencies = new ConcurrentDictionary<string, ConcurrentBag<(double Ms, bool Ok)>>();
        var sw = Stopwatch.StartNew();
        var loadTasks = new List<Task>();
        var heartbeats = new ConcurrentDictionary<string, int>();

        // 1. Upload batch by batch; the query load starts after the first batch.
        for (var i = 0; i < docs.Count; i += o.BatchSize)
        {
            var batch = docs.Skip(i).Take(o.BatchSize).ToList();
            ids.AddRange(await client.UploadAsync(batch, ct));
            if (i == 0)
            {
                loadTasks.Add(RefreshDoneAsync(client, done, o.Documents, stopLoad.Token));
                for (var q = 0; q < o.QueryConcurrency; q++)
                {
                    loadTasks.Add(QueryLoopAsync(client, done, latencies, q, o.ThinkMs, stopLoad.Token));
                }
                foreach (var (name, port) in HealthTargets(cluster))
                {
                    loadTasks.Add(HealthLoopAsync(client, name, port, latencies, heartbeats, stopLoad.Token));
                }
            }
        }
        var uploadSeconds = sw.Elapsed.TotalSeconds;
        Event($"uploaded {ids.Count} documents in {uploadSeconds:F1} s ({ids.Distinct().Count()} distinct ids)");

        // 2. Wait for every document to finish, with the optional faults on the way.
        var killed = o.KillWorkerAt is null;
        var outageDone = o.DbOutageAt is null;
        StatusCounts counts = new(0, 0, 0, 0);
        var lastLog = TimeSpan.Zero;
        var timedOut = false;
        while (true)
        {
            if (ct.IsCancellationRequested)
            {
                // Report what is unfinished (the drill's checks say which and why) rather than crash.
                timedOut = true;
                Event($"timed out after {o.Timeout.TotalSeconds:F0} s: {counts.Done} done, {counts.Failed} failed, {counts.Processing} processing, {counts.Queued} queued");
                break;
            }
            try
            {
                counts = await client.CountsAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                continue;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                await Task.Delay(500, ct); // the database is down (drill) or the api is busy: ask again
                continue;
            }
            if (sw.Elapsed - lastLog > TimeSpan.FromSeconds(10))
            {
                lastLog = sw.Elapsed;
                Event($"{counts.Done} done, {counts.Failed} failed, {counts.Processing} processing, {counts.Queued} queued ({counts.Finished / sw.Elapsed.TotalSeconds:F1}/s)");
            }
            var share = (double)counts.Finished / o.Documents;
            if (!killed && share >= o.KillWorkerAt)
            {
                killed = true;
                Event($"fault: kill -9 worker-1 with {counts.Processing} document(s) processing, {counts.Finished} finished");
                await cluster.KillWorkerAsync(1);
            }
            if (!outageDone && share >= o.DbOutageAt)
            {
                outageDone = true;
                Event($"fault: PostgreSQL stopped for {o.OutageSeconds} s with {counts.Finished} finished");
                await cluster.DbStopAsync();
                // Not cancelled by the deadline: the database comes back whatever happens.
                await Task.Delay(TimeSpan.FromSeconds(o.OutageSeconds), CancellationToken.None);
                await cluster.DbStartAsync();
                Event("fault: PostgreSQL started again");
            }
            if (counts.Finished >= o.Documents && killed && outageDone)
            {
                break;
            }
            try
            {
                await Task.Delay(250, ct);
            }
            catch (OperationCanceledException)
            {
            }
        }
        var total = sw.Elapsed.TotalSeconds;
        if (!timedOut)
        {
            Event($"all {o.Documents} finished in {total:F1} s: {counts.Done} done, {counts.Failed} failed");
        }
        await stopLoad.CancelAsync();
        await Task.WhenAll(loadTasks);
        memory.SampleNow();

        var extractionTimes = await ExtractionTimes.ReadAsync(cluster);
        foreach (var line in extractionTimes)
        {
            Event(line);
        }

        DrillReport? drill = null;
        if (o.KillWorkerAt is not null || o.DbOutageAt is not null)
        {
            drill = await Drill.CheckAsync(cluster, client, docs, ids, o, Event);
        }

        Latency Stat(string key) => Percentiles(latencies.GetValueOrDefault(key));
        var health = latencies.Keys.Where(k => k.StartsWith("health:", StringComparison.Ordinal))
            .ToDictionary(k => k["health:".Length..], Stat);
        return new RunResult(o, o.Documents, counts.Done, counts.Failed, uploadSeconds, total, o.Documents / total,
            Stat("result"), Stat("figures"), Stat("summary"), health, new Dictionary<string, int>(heartbeats), new Dictionary<string, long>(memory.PeakBytes),
            Process.GetCurrentProcess().PeakWorkingSet64, File.ReadAllText("/proc/loadavg").Trim(), events, drill, extractionTimes);
    }

    private static IEnumerable<(string Name, int Port)> HealthTargets(Cluster cluster)
    {
        var ports = Path.Combine(cluster.StateDir, "ports");
        foreach (var f in Directory.GetFiles(ports).Order(StringComparer.Ordinal))
        {
            yield return (Path.GetFileName(f), int.Parse(File.ReadAllText(f).Trim()));
        }
    }

    /// <summary>Learns ids of finished documents (a page of the done list) for the result queries.</summary>
    private static async Task RefreshDoneAsync(ServiceClient client, ConcurrentBag<Guid> done, int total, CancellationToken ct)
    {
        var random = new Random(7);
        var seen = new HashSet<Guid>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var page = 1 + random.Next(Math.Max(1, (total + 99) / 100));
                foreach (var id in await client.DonePageAsync(page, 100, ct))
                {
                    if (seen.Add(id))
                    {
                        done.Add(id);
                    }
                }
                await Task.Delay(1000, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (HttpRequestException)
            {
                await Delay(1000, ct);
            }
        }
    }

    /// <summary>One of the bounded number of concurrent clients: result, figures and summary queries in turn, back to back.</summary>
    private static async Task QueryLoopAsync(ServiceClient client, ConcurrentBag<Guid> done, ConcurrentDictionary<string, ConcurrentBag<(double, bool)>> latencies, int n, int thinkMs, CancellationToken ct)
    {
        var random = new Random(100 + n);
        for (var i = 0; !ct.IsCancellationRequested; i++)
        {
            try
            {
                var kind = (i + n) % 3;
                var field = QueryFields[random.Next(QueryFields.Length)];
                if (kind == 0)
                {
                    var ids = done.ToArray();
                    if (ids.Length == 0)
                    {
                        await Delay(200, ct);
                        continue;
                    }
                    Record(latencies, "result", await client.TimedGetAsync($"/api/documents/{ids[random.Next(ids.Length)]}/result", ct));
                }
                else if (kind == 1)
                {
                    Record(latencies, "figures", await client.TimedGetAsync($"/api/figures?field={field}&year=2023", ct));
                }
                else
                {
                    Record(latencies, "summary", await client.TimedGetAsync($"/api/figures/summary?field={field}&groupBy=year", ct));
                }
                await Task.Delay(thinkMs, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>/health of every process twice a second: a worker whose CPU-bound jobs starve the thread pool answers late.</summary>
    private static async Task HealthLoopAsync(
        ServiceClient client, string name, int port, ConcurrentDictionary<string, ConcurrentBag<(double, bool)>> latencies,
        ConcurrentDictionary<string, int> heartbeats, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var (ms, ok, body) = await client.TimedGetBodyAsync($"http://127.0.0.1:{port}/health", ct);
                Record(latencies, "health:" + name, (ms, ok));
                // "this worker's heartbeat N s ago" (workers only): the largest age seen while extracting.
                var m = System.Text.RegularExpressions.Regex.Match(body, @"heartbeat (\d+) s ago");
                if (m.Success)
                {
                    var age = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    heartbeats.AddOrUpdate(name, age, (_, old) => Math.Max(old, age));
                }
                await Task.Delay(500, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private static void Record(ConcurrentDictionary<string, ConcurrentBag<(double, bool)>> latencies, string key, (double Ms, bool Ok) sample) =>
        latencies.GetOrAdd(key, _ => []).Add(sample);

    private static async Task Delay(int ms, CancellationToken ct)
    {
        try
        {
            await Task.Delay(ms, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public static Latency Percentiles(IEnumerable<(double Ms, bool Ok)>? samples)
    {
        var all = samples?.ToList() ?? [];
        var ok = all.Where(s => s.Ok).Select(s => s.Ms).Order().ToArray();
        double At(double p) => ok.Length == 0 ? double.NaN : ok[Math.Min(ok.Length - 1, (int)Math.Ceiling(p * ok.Length) - 1)];
        return new Latency(all.Count, all.Count - ok.Length, At(0.50), At(0.99), ok.Length == 0 ? double.NaN : ok[^1]);
    }
}
