using Extractor.Server.Hosting;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Results;

/// <summary>Writes a document's served result and its field rows from its raw result and its corrections.</summary>
public sealed class ResultStore(ExtractorDbContext db, DocumentExtractor extractor)
{
    /// <summary>
    /// Saves what is pending on the context (e.g. a new correction), then recomposes <paramref name="doc"/> (tracked
    /// by the same context) and rewrites its field rows, all in one transaction so a retry never half-applies.
    /// </summary>
    public async Task SaveComposedAsync(Document doc, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Fields.Where(f => f.DocumentId == doc.Id).ExecuteDeleteAsync(cancellationToken);
        if (doc.RawResultJson is not null)
        {
            var corrections = await db.Corrections.Where(c => c.DocumentId == doc.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
            var result = ResultComposer.Compose(doc.RawResultJson, corrections, extractor.Threshold);
            ResultComposer.Summarise(doc, result);
            if (doc.Status == DocumentStatus.Done)
            {
                db.Fields.AddRange(ResultComposer.ToFieldRows(doc.Id, result));
            }
        }
        doc.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}
