using Npgsql;

namespace Extractor.E2E;

public sealed record DrillCheck(string What, bool Passed, string Detail);

public sealed record DrillReport(List<DrillCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);
}

/// <summary>
/// After a run with faults: every uploaded document is done exactly once, none lost, none duplicated, none stuck —
/// checked through the API and straight in PostgreSQL (documents, their 200 field rows, Hangfire's job states).
/// </summary>
public static class Drill
{
    public static async Task<DrillReport> CheckAsync(Cluster cluster, ServiceClient client, List<GeneratedDocument> docs, List<Guid> ids, RunOptions o, Action<string> log)
    {
        var checks = new List<DrillCheck>();
        void Check(string what, bool passed, string detail)
        {
            checks.Add(new DrillCheck(what, passed, detail));
            Console.WriteLine($"  [{(passed ? "PASS" : "FAIL")}] {what}: {detail}");
        }
        Console.WriteLine($"Fault drill checks ({o.Documents} documents, {o.Workers} workers):");

        var n = docs.Count;
        Check("every upload got its own document", ids.Count == n && ids.Distinct().Count() == n,
            $"{ids.Count} uploads, {ids.Distinct().Count()} distinct document ids");

        var api = await client.CountsAsync(CancellationToken.None);
        Check("API: all done, none failed, none queued or processing", api.Done == n && api.Failed == 0 && api.Queued == 0 && api.Processing == 0,
            $"done {api.Done}, failed {api.Failed}, queued {api.Queued}, processing {api.Processing}");

        var cs = cluster.ConnectionString;
        if (cs is null)
        {
            Check("database checks", false, "no connection string (the drill needs the PostgreSQL cluster)");
            return new DrillReport(checks);
        }
        await using var db = new NpgsqlConnection(cs);
        await db.OpenAsync();

        var idList = ids.ToArray();
        await PrintUnfinishedAsync(db, idList);
        var byStatus = await RowsAsync(db, """SELECT "Status", count(*) FROM documents WHERE "Id" = ANY(@ids) GROUP BY 1 ORDER BY 1""", idList);
        var stored = byStatus.Sum(r => r.Count);
        Check("none lost: every uploaded document is stored", stored == n, $"{stored} of {n} stored");
        Check("none stuck: no document queued or processing", byStatus.All(r => r.Key is "done" or "failed"),
            string.Join(", ", byStatus.Select(r => $"{r.Key} {r.Count}")));
        Check("all done", byStatus.Where(r => r.Key == "done").Sum(r => r.Count) == n, string.Join(", ", byStatus.Select(r => $"{r.Key} {r.Count}")));

        var totalDocs = await ScalarAsync(db, "SELECT count(*) FROM documents");
        var distinctSha = await ScalarAsync(db, """SELECT count(DISTINCT "Sha256") FROM documents""");
        Check("none duplicated: one document per content", totalDocs == n && distinctSha == n, $"{totalDocs} documents, {distinctSha} distinct SHA-256");

        var fieldRows = await ScalarAsync(db, "SELECT count(*) FROM document_fields");
        var wrongFieldCounts = await ScalarAsync(db, """SELECT count(*) FROM (SELECT "DocumentId" FROM document_fields GROUP BY 1 HAVING count(*) <> 200) x""");
        Check("one result per document: exactly 200 field rows each", fieldRows == 200L * n && wrongFieldCounts == 0,
            $"{fieldRows} field rows (expected {200L * n}), {wrongFieldCounts} documents with another count");
        var noResult = await ScalarAsync(db, """SELECT count(*) FROM documents WHERE "ResultJson" IS NULL OR "ProcessedAt" IS NULL""");
        Check("every document has its result JSON and processing time", noResult == 0, $"{noResult} without");

        // A job writes its document's result before Hangfire records it Succeeded and drops its queue row:
        // on a loaded machine the last job can still be between the two when the last document is done, and a
        // job whose worker was killed after writing the result is finished by another one after the
        // invisibility timeout (30 s in the drill).
        var settled = await SettleAsync(db, TimeSpan.FromSeconds(60));
        Console.WriteLine($"  [INFO] Hangfire settled {settled.TotalSeconds:F1} s after the last document was done");
        var jobStates = await RowsAsync(db, "SELECT statename, count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ExtractDocumentJob%' GROUP BY 1 ORDER BY 1", null);
        Check("Hangfire: one extraction job per document, all Succeeded", jobStates.Count == 1 && jobStates[0].Key == "Succeeded" && jobStates[0].Count == n,
            string.Join(", ", jobStates.Select(r => $"{r.Key} {r.Count}")));
        var succeededTwice = await ScalarAsync(db, """
            SELECT count(*) FROM (SELECT s.jobid FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
            WHERE j.invocationdata::text LIKE '%ExtractDocumentJob%' AND s.name = 'Succeeded' GROUP BY s.jobid HAVING count(*) > 1) x
            """);
        Check("exactly once: no job succeeded twice", succeededTwice == 0, $"{succeededTwice} jobs with more than one Succeeded state");
        var queued = await ScalarAsync(db, "SELECT count(*) FROM hangfire.jobqueue");
        Check("Hangfire queue empty (nothing fetched and forgotten)", queued == 0, $"{queued} rows in hangfire.jobqueue");

        var reruns = await RowsAsync(db, """SELECT "Attempts"::text, count(*) FROM documents GROUP BY 1 ORDER BY 1""", null);
        var retried = await ScalarAsync(db, """
            SELECT count(DISTINCT s.jobid) FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
            WHERE j.invocationdata::text LIKE '%ExtractDocumentJob%' AND s.name IN ('Failed', 'Scheduled')
            """);
        // Informational: the faults' footprint (a re-run is expected; a second result is not).
        Console.WriteLine($"  [INFO] attempts per document: {string.Join(", ", reruns.Select(r => $"{r.Key}×{r.Count}"))}; {retried} job(s) retried by Hangfire after a failure");
        if (o.KillWorkerAt is not null)
        {
            var pids = cluster.Pids();
            var killedGone = !pids.TryGetValue("worker-1", out var pid) || !File.Exists($"/proc/{pid}/cmdline") || File.ReadAllText($"/proc/{pid}/cmdline").Length == 0;
            Check("the killed worker stayed dead; the others finished its documents", killedGone, $"worker-1 pid {pid} gone");
        }
        var healthy = await client.HealthyAsync("/health", CancellationToken.None);
        Check("api healthy after the faults", healthy, healthy ? "/health 200" : "/health not 200");
        log($"fault drill: {checks.Count(c => c.Passed)} of {checks.Count} checks passed");
        return new DrillReport(checks);
    }

    /// <summary>Every document not done or failed, with its Hangfire job's state history and queue row: what a stuck document needs explained.</summary>
    private static async Task PrintUnfinishedAsync(NpgsqlConnection db, Guid[] ids)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT d."Id"::text, d."Status", d."Attempts", d."UpdatedAt", coalesce(d."JobId", '-'),
                   coalesce((SELECT statename FROM hangfire.job j WHERE j.id::text = d."JobId"), '-'),
                   coalesce((SELECT string_agg(s.name || ' ' || to_char(s.createdat, 'HH24:MI:SS') || coalesce(' ' || (s.data::jsonb ->> 'ServerId'), ''), ' > ' ORDER BY s.id)
                             FROM hangfire.state s WHERE s.jobid::text = d."JobId"), '-'),
                   coalesce((SELECT string_agg(coalesce(to_char(q.fetchedat, 'HH24:MI:SS'), 'not fetched'), ', ')
                             FROM hangfire.jobqueue q WHERE q.jobid::text = d."JobId"), 'no queue row')
            FROM documents d WHERE d."Id" = ANY(@ids) AND d."Status" NOT IN ('done', 'failed')
            """, db);
        cmd.Parameters.AddWithValue("ids", ids);
        var unfinished = new List<string>();
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                unfinished.Add($"document {r.GetString(0)}: {r.GetString(1)}, attempts {r.GetInt32(2)}, updated {r.GetDateTime(3):HH:mm:ss}; job {r.GetString(4)} {r.GetString(5)}: {r.GetString(6)}; queue: {r.GetString(7)}");
            }
        }
        if (unfinished.Count == 0)
        {
            return;
        }
        unfinished.Take(20).ToList().ForEach(u => Console.WriteLine($"  [UNFINISHED] {u}"));
        if (unfinished.Count > 20)
        {
            Console.WriteLine($"  [UNFINISHED] … and {unfinished.Count - 20} more");
        }
        Console.WriteLine($"  [INFO] Hangfire servers: {string.Join("; ", await ServersAsync(db))}");
        Console.WriteLine($"  [INFO] Hangfire locks held: {string.Join("; ", await LocksAsync(db))}");
    }

    private static async Task<List<string>> LocksAsync(NpgsqlConnection db)
    {
        await using var cmd = new NpgsqlCommand("SELECT resource, to_char(acquired, 'HH24:MI:SS') FROM hangfire.lock ORDER BY acquired", db);
        var locks = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            locks.Add($"{r.GetString(0)} since {(r.IsDBNull(1) ? "?" : r.GetString(1))}");
        }
        return locks;
    }

    private static async Task<List<string>> ServersAsync(NpgsqlConnection db)
    {
        await using var cmd = new NpgsqlCommand("SELECT id, to_char(lastheartbeat, 'HH24:MI:SS') FROM hangfire.server ORDER BY id", db);
        var servers = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            servers.Add($"{r.GetString(0)} (heartbeat {r.GetString(1)})");
        }
        return servers;
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until no extraction job is unfinished in Hangfire and its queue is empty.</summary>
    private static async Task<TimeSpan> SettleAsync(NpgsqlConnection db, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var open = await ScalarAsync(db, """
                SELECT (SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ExtractDocumentJob%' AND statename <> 'Succeeded')
                     + (SELECT count(*) FROM hangfire.jobqueue)
                """);
            if (open == 0)
            {
                break;
            }
            await Task.Delay(500);
        }
        return clock.Elapsed;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<(string Key, long Count)>> RowsAsync(NpgsqlConnection db, string sql, Guid[]? ids)
    {
        await using var cmd = new NpgsqlCommand(sql, db);
        if (ids is not null)
        {
            cmd.Parameters.AddWithValue("ids", ids);
        }
        var rows = new List<(string, long)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            rows.Add((r.GetString(0), r.GetInt64(1)));
        }
        return rows;
    }
}
