namespace Extractor.Server.Jobs;

/// <summary>
/// A seam around the extraction step of a job. Production leaves it empty; the tests use it to hold a
/// worker mid-job so they can stop it there and prove nothing is lost.
/// </summary>
public sealed class JobHooks
{
    public Func<Guid, CancellationToken, Task>? BeforeExtract { get; set; }
}
