using Extractor.Server.Contracts;
using Extractor.Server.Jobs;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Polly;

namespace Extractor.Server.Uploads;

/// <summary>
/// Stores an accepted upload and enqueues its new documents:
/// 1. in one transaction, each distinct content is stored once (by SHA-256) and gets one document; known
///    content is linked, not stored or extracted again; the batch records every file;
/// 2. after the commit, one job per new document is enqueued. Should the process stop in between, the
///    documents are queued without a job and <see cref="RequeueOrphansJob"/> enqueues them.
/// </summary>
public sealed class BatchIngest(ExtractorDbContext db, IBackgroundJobClient jobs, ResiliencePipeline retry, ILogger<BatchIngest> logger)
{
    public async Task<BatchCreatedDto> IngestAsync(IReadOnlyList<UploadedFile> files, string who, CancellationToken cancellationToken)
    {
        // A concurrent upload of the same content makes the unique index refuse one commit; the retry then links to it.
        (Batch Batch, List<Document> Created) stored;
        try
        {
            stored = await retry.ExecuteAsync(async ct => await StoreAsync(files, who, ct), cancellationToken);
        }
        catch (DbUpdateException)
        {
            stored = await retry.ExecuteAsync(async ct => await StoreAsync(files, who, ct), cancellationToken);
        }
        var (batch, created) = stored;
        foreach (var doc in created)
        {
            doc.JobId = RequeueOrphansJob.Enqueue(jobs, doc.Id);
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Batch {BatchId}: {Files} file(s), {New} new document(s)", batch.Id, files.Count, created.Count);

        var statusById = await db.Documents.Where(d => batch.Entries.Select(e => e.DocumentId).Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.Status, cancellationToken);
        var entries = batch.Entries.OrderBy(e => e.Position)
            .Select(e => new BatchEntryDto(e.DocumentId, e.FileName, files[e.Position].Sha256, e.Duplicate, statusById[e.DocumentId]))
            .ToList();
        return new BatchCreatedDto(batch.Id, batch.CreatedAt, entries.Select(e => e.DocumentId).Distinct().Count(),
            entries.Count(e => e.Duplicate), entries);
    }

    private async Task<(Batch Batch, List<Document> Created)> StoreAsync(IReadOnlyList<UploadedFile> files, string who, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = DateTime.UtcNow;
        var hashes = files.Select(f => f.Sha256).Distinct().ToList();
        var known = await db.Documents.Where(d => hashes.Contains(d.Sha256)).ToDictionaryAsync(d => d.Sha256, ct);
        var storedHashes = (await db.Files.Where(f => hashes.Contains(f.Sha256)).Select(f => f.Sha256).ToListAsync(ct)).ToHashSet();
        var batch = new Batch { Id = Guid.NewGuid(), CreatedAt = now, CreatedBy = who };
        var created = new List<Document>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var duplicate = known.TryGetValue(file.Sha256, out var doc);
            if (!duplicate)
            {
                if (storedHashes.Add(file.Sha256))
                {
                    db.Files.Add(new StoredFile { Sha256 = file.Sha256, Length = file.Content.LongLength, Content = file.Content, CreatedAt = now });
                }
                doc = new Document { Id = Guid.NewGuid(), Sha256 = file.Sha256, FileName = file.FileName, CreatedAt = now, UpdatedAt = now };
                db.Documents.Add(doc);
                known[file.Sha256] = doc;
                created.Add(doc);
            }
            batch.Entries.Add(new BatchEntry { Position = i, FileName = file.DisplayName, DocumentId = doc!.Id, Duplicate = duplicate });
        }
        db.Batches.Add(batch);
        await db.SaveChangesAsync(ct);
        return (batch, created);
    }
}
