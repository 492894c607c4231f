using System.Security.Claims;
using Extractor.Results;
using Extractor.Server.Results;
using Extractor.Server.Security;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Web;

/// <summary>
/// The pages' reads. A live page (a circuit) lives for minutes; each call gets a scope and a store context of
/// its own, so two renders never share a context.
/// </summary>
public sealed class WebData(IServiceScopeFactory scopes)
{
    public async Task<T> WithAsync<T>(Func<IServiceProvider, ExtractorDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
        return await work(scope.ServiceProvider, db);
    }

    /// <summary>An uploader (with no other role) sees only the documents of their own batches.</summary>
    public static bool OwnUploadsOnly(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Uploader) && !user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Auditor) && !user.IsInRole(Roles.Analyst);

    public static IQueryable<Document> Visible(ExtractorDbContext db, ClaimsPrincipal user)
    {
        var q = db.Documents.AsNoTracking();
        if (OwnUploadsOnly(user))
        {
            var name = user.Identity?.Name ?? "";
            q = q.Where(d => db.BatchEntries.Any(e => e.DocumentId == d.Id && db.Batches.Any(b => b.Id == e.BatchId && b.CreatedBy == name)));
        }
        return q;
    }

    public sealed record BatchRow(Guid Id, DateTime CreatedAt, string CreatedBy, int Files, int Done, int Failed, int Pending);

    public Task<List<BatchRow>> BatchesAsync(string? createdBy, int take = 50) => WithAsync(async (_, db) =>
    {
        var q = db.Batches.AsNoTracking();
        if (createdBy is not null)
        {
            q = q.Where(b => b.CreatedBy == createdBy);
        }
        var batches = await q.OrderByDescending(b => b.CreatedAt).Take(take).ToListAsync();
        var ids = batches.Select(b => b.Id).ToList();
        var entries = await db.BatchEntries.AsNoTracking().Where(e => ids.Contains(e.BatchId))
            .Select(e => new { e.BatchId, e.Document!.Status }).ToListAsync();
        return batches.Select(b =>
        {
            var mine = entries.Where(e => e.BatchId == b.Id).ToList();
            return new BatchRow(b.Id, b.CreatedAt, b.CreatedBy, mine.Count,
                mine.Count(e => e.Status == DocumentStatus.Done), mine.Count(e => e.Status == DocumentStatus.Failed),
                mine.Count(e => e.Status is DocumentStatus.Queued or DocumentStatus.Processing));
        }).ToList();
    });

    public sealed record EntryRow(int Position, string FileName, bool Duplicate, Document Document);

    public Task<(Batch? Batch, List<EntryRow> Entries)> BatchAsync(Guid id) => WithAsync<(Batch?, List<EntryRow>)>(async (_, db) =>
    {
        var batch = await db.Batches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id);
        if (batch is null)
        {
            return ((Batch?)null, new List<EntryRow>());
        }
        var rows = await db.BatchEntries.AsNoTracking().Where(e => e.BatchId == id).OrderBy(e => e.Position)
            .Select(e => new { e.Position, e.FileName, e.Duplicate, e.Document }).ToListAsync();
        return (batch, rows.Select(r => new EntryRow(r.Position, r.FileName, r.Duplicate, Trim(r.Document!))).ToList());
    });

    /// <summary>The document without its large JSON columns (lists and progress need only the summary).</summary>
    private static Document Trim(Document d)
    {
        d.RawResultJson = null;
        d.ResultJson = null;
        return d;
    }

    public sealed record DocumentFilter(int? Year, string? Agency, string? Status, Guid? Batch, bool OpenReviewOnly, bool? SignedOff);

    public Task<(List<Document> Items, int Total)> DocumentsAsync(ClaimsPrincipal user, DocumentFilter f, int page, int pageSize) => WithAsync(async (_, db) =>
    {
        var q = Visible(db, user);
        if (f.Year is not null)
        {
            q = q.Where(d => d.Year == f.Year);
        }
        if (!string.IsNullOrWhiteSpace(f.Agency))
        {
            q = q.Where(d => d.Agency != null && d.Agency.Contains(f.Agency.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(f.Status))
        {
            q = q.Where(d => d.Status == f.Status);
        }
        if (f.Batch is { } batch)
        {
            q = q.Where(d => db.BatchEntries.Any(e => e.BatchId == batch && e.DocumentId == d.Id));
        }
        if (f.SignedOff is { } signed)
        {
            q = signed ? q.Where(d => d.SignedOffAt != null) : q.Where(d => d.SignedOffAt == null);
        }
        if (f.OpenReviewOnly)
        {
            q = q.Where(d => d.ReviewCount > 0);
        }
        var total = await q.CountAsync();
        var items = await q.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(d => new Document
            {
                Id = d.Id, Sha256 = d.Sha256, FileName = d.FileName, Status = d.Status, Error = d.Error, Agency = d.Agency, Year = d.Year,
                Format = d.Format, OkCount = d.OkCount, ReviewCount = d.ReviewCount, MissingCount = d.MissingCount,
                FailedCheckCount = d.FailedCheckCount, CreatedAt = d.CreatedAt, ProcessedAt = d.ProcessedAt,
                SignedOffAt = d.SignedOffAt, SignedOffBy = d.SignedOffBy,
            }).ToListAsync();
        return (items, total);
    });

    public sealed record DocumentView(Document Document, ExtractionResult? Result, List<CheckResult> FailedChecks, List<Correction> Corrections);

    public Task<DocumentView?> DocumentAsync(ClaimsPrincipal user, Guid id) => WithAsync(async (sp, db) =>
    {
        var d = await Visible(db, user).SingleOrDefaultAsync(x => x.Id == id);
        if (d is null)
        {
            return null;
        }
        // The served result: stored checks and findings plus the cross-year and cross-copy ones (ServerFindings).
        var result = await sp.GetRequiredService<ServerFindings>().ResultAsync(d, CancellationToken.None);
        var failed = result?.Checks.Where(c => !c.Passed).ToList() ?? [];
        var corrections = await db.Corrections.AsNoTracking().Where(c => c.DocumentId == id).OrderBy(c => c.Id).ToListAsync();
        return new DocumentView(Trim(d), result, failed, corrections);
    });

    /// <summary>Signed off by an auditor (Document.SignedOffAt, the evidence/review side's column).</summary>
    public static bool IsSignedOff(Document d) => d.SignedOffAt is not null;

    /// <summary>The state a figure is drawn in: a failed check first, then an auditor's act, then what the machine read.</summary>
    public static string StateOf(FieldResult? f)
    {
        if (f is null)
        {
            return "missing";
        }
        if (f.Flags.Contains(Flags.CheckFailed))
        {
            return "failedCheck";
        }
        if (f.Flags.Contains(Flags.Corrected))
        {
            return "corrected";
        }
        if (f.Flags.Contains("confirmed"))
        {
            return "confirmed";
        }
        return f.Status switch
        {
            FieldStatus.Ok => "ok",
            FieldStatus.Missing => "missing",
            _ => "review",
        };
    }
}
