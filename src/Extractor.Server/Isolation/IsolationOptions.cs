namespace Extractor.Server.Isolation;

/// <summary>
/// The "Extractor:Isolation" section: extraction runs in child processes (a pool of long-lived workers) so a
/// document that crashes or exhausts the extractor fails that document, never the server. Each document gets
/// a deadline and a memory budget scaled by its size and kind.
/// </summary>
public sealed class IsolationOptions
{
    public const string Section = "Extractor:Isolation";

    /// <summary>False: extract in the server process itself (no containment; for debugging only).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address-space limit of a worker process (ulimit -v), in MB; 0: none.</summary>
    public int AddressSpaceMb { get; set; } = 6144;

    /// <summary>Managed heap hard limit of a worker process (DOTNET_GCHeapHardLimit), in MB.</summary>
    public int HeapLimitMb { get; set; } = 2048;

    /// <summary>CPU time limit of a worker process over its life (ulimit -t), in seconds; 0: none. A worker is recycled long before.</summary>
    public int CpuSecondsPerWorker { get; set; } = 3600;

    /// <summary>A worker is replaced after this many documents (bounds what a leak can grow to).</summary>
    public int DocumentsPerWorker { get; set; } = 200;

    public double BaseSeconds { get; set; } = 60;
    public double SecondsPerMegabyte { get; set; } = 10;

    /// <summary>Extra time per PDF page: a page may need OCR (a scan), the slowest step there is.</summary>
    public double SecondsPerPdfPage { get; set; } = 6;

    public double MaxSeconds { get; set; } = 1800;

    public int BaseMemoryMb { get; set; } = 600;
    public int MemoryMbPerMegabyte { get; set; } = 24;
    public int MemoryMbPerPdfPage { get; set; } = 8;
    public int MaxMemoryMb { get; set; } = 1800;

    /// <summary>After this many worker deaths on one document it ends failed and is never tried again.</summary>
    public int MaxDeaths { get; set; } = 2;

    /// <summary>Extra environment variables of the worker processes.</summary>
    public Dictionary<string, string> WorkerEnvironment { get; set; } = [];

    /// <summary>How long a new worker may take to start and load the model.</summary>
    public double StartSeconds { get; set; } = 60;

    /// <summary>The deadline and memory budget of one document: scaled by its size, PDFs by their pages.</summary>
    public DocumentBudget BudgetFor(ReadOnlySpan<byte> content, string fileName)
    {
        var mb = content.Length / (1024.0 * 1024.0);
        var pages = IsPdf(content) ? Math.Min(2000, CountPdfPages(content)) : 0;
        var seconds = Math.Min(MaxSeconds, BaseSeconds + SecondsPerMegabyte * mb + SecondsPerPdfPage * pages);
        var memory = Math.Min(MaxMemoryMb, BaseMemoryMb + (int)(MemoryMbPerMegabyte * mb) + MemoryMbPerPdfPage * pages);
        return new DocumentBudget(TimeSpan.FromSeconds(seconds), memory);
    }

    private static bool IsPdf(ReadOnlySpan<byte> content) => content.IndexOf("%PDF-"u8) is >= 0 and < 1024;

    /// <summary>A cheap count of page objects ("/Type /Page" not followed by "s"), without parsing anything.</summary>
    internal static int CountPdfPages(ReadOnlySpan<byte> content)
    {
        var count = 0;
        var rest = content;
        while (true)
        {
            var i = rest.IndexOf("/Page"u8);
            if (i < 0)
            {
                return count;
            }
            var after = i + 5;
            if (after >= rest.Length || rest[after] is not (byte)'s')
            {
                // "/Type /Page" or "/Type/Page", not "/Pages" nor "/PageLayout"
                if (after >= rest.Length || !char.IsAsciiLetterOrDigit((char)rest[after]))
                {
                    count++;
                }
            }
            rest = rest[after..];
        }
    }
}

/// <summary>How long one document may take and how much memory its worker may hold meanwhile.</summary>
public sealed record DocumentBudget(TimeSpan Deadline, int MemoryMb);
