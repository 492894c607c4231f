using Extractor.Storage;

namespace Extractor.Server.Hosting;

/// <summary>What this process does: serve the API, run extraction jobs, or both (the default).</summary>
public enum ServerRole { Both, Api, Worker }

/// <summary>The "Extractor" section of configuration. Every value has a default that works with nothing set up.</summary>
public sealed class ServerOptions
{
    public const string Section = "Extractor";

    public ServerRole Role { get; set; } = ServerRole.Both;

    /// <summary>sqlite (embedded, zero set-up) or postgres (shared by any number of workers).</summary>
    public StoreProvider Store { get; set; } = StoreProvider.Sqlite;

    /// <summary>Folder of the SQLite file, relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>PostgreSQL connection string; ConnectionStrings:Extractor is used when this is empty.</summary>
    public string? Postgres { get; set; }

    /// <summary>Serve /openapi and /scalar without a key. Defaults to true in Development only.</summary>
    public bool? PublicApiDocs { get; set; }

    /// <summary>
    /// A field is ok at or above this confidence when no check involving it fails (docs/RESULT.md). Unset:
    /// the threshold chosen with the model's calibration (no silent error on the labelled documents).
    /// </summary>
    public double? OkThreshold { get; set; }

    public UploadLimits Upload { get; set; } = new();
    public WorkerOptions Worker { get; set; } = new();
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    public string SqlitePath => Path.GetFullPath(Path.Combine(DataDirectory, "extractor.db"));
}

public sealed class UploadLimits
{
    public long MaxRequestBytes { get; set; } = 512L * 1024 * 1024;
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;
    public int MaxFilesPerBatch { get; set; } = 2000;
    public int MaxZipEntries { get; set; } = 2000;

    /// <summary>Largest allowed uncompressed/compressed size of one zip entry: more is taken for a zip bomb.</summary>
    public double MaxZipRatio { get; set; } = 200;

    /// <summary>Largest total uncompressed size of one zip.</summary>
    public long MaxZipExpandedBytes { get; set; } = 1024L * 1024 * 1024;
}

public sealed class WorkerOptions
{
    /// <summary>Concurrent jobs in this process; 0 means one per core.</summary>
    public int Count { get; set; }

    public int QueuePollIntervalMs { get; set; } = 1000;

    /// <summary>After this long a job fetched by a worker that vanished is handed to another worker.</summary>
    public int InvisibilityTimeoutSeconds { get; set; } = 300;

    /// <summary>How long a stopping worker waits for running jobs before they are requeued.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 15;
}

public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public List<string> Roles { get; set; } = [];
}
