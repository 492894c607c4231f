using Npgsql;

namespace Extractor.E2E;

/// <summary>
/// How long the engine took per document (timingsMs.total of each stored result), by format: the slowest
/// document bounds Hangfire's invisibility timeout from below (deploy/README.md). PostgreSQL runs only.
/// </summary>
public static class ExtractionTimes
{
    public static async Task<List<string>> ReadAsync(Cluster cluster)
    {
        if (cluster.ConnectionString is not { } cs)
        {
            return [];
        }
        try
        {
            await using var db = new NpgsqlConnection(cs);
            await db.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                SELECT coalesce("Format", '?'), count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY t), percentile_cont(0.99) WITHIN GROUP (ORDER BY t), max(t)
                FROM (SELECT "Format", ("RawResultJson"::jsonb -> 'timingsMs' ->> 'total')::float8 AS t FROM documents WHERE "RawResultJson" IS NOT NULL) x
                WHERE t IS NOT NULL GROUP BY 1 ORDER BY 1
                """, db);
            var lines = new List<string>();
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                lines.Add($"extraction time, {r.GetString(0)}: {r.GetInt64(1)} documents, p50 {r.GetDouble(2):F0} ms, p99 {r.GetDouble(3):F0} ms, max {r.GetDouble(4):F0} ms");
            }
            return lines;
        }
        catch (NpgsqlException ex)
        {
            return [$"extraction times not read: {ex.Message}"];
        }
    }
}
