using System.Globalization;
using Extractor.Results;
using Extractor.Server.Hosting;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Results;

/// <summary>Writes a document's served result and its field rows from its raw result, its corrections and its confirmations.</summary>
public sealed class ResultStore(ExtractorDbContext db, DocumentExtractor extractor)
{
    /// <summary>Who the audit trail names for what the system does by itself (a re-extraction dropping a confirmation).</summary>
    public const string SystemActor = "system";

    /// <summary>
    /// Saves what is pending on the context (e.g. a new correction), then recomposes <paramref name="doc"/> (tracked
    /// by the same context) and rewrites its field rows, all in one transaction so a retry never half-applies.
    /// A confirmation whose value changed is dropped and recorded as <paramref name="actor"/>'s doing; a signed-off
    /// document whose figures or states changed is reopened (recorded).
    /// </summary>
    public async Task SaveComposedAsync(Document doc, CancellationToken cancellationToken, string actor = SystemActor)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var before = Snapshot(doc.ResultJson);
        await db.Fields.Where(f => f.DocumentId == doc.Id).ExecuteDeleteAsync(cancellationToken);
        if (doc.RawResultJson is not null)
        {
            var corrections = await db.Corrections.Where(c => c.DocumentId == doc.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
            var actions = await db.ReviewActions
                .Where(a => a.DocumentId == doc.Id && a.Active && (a.Kind == ReviewActionKind.Confirm || a.Kind == ReviewActionKind.ConfirmationDropped))
                .OrderBy(a => a.Id).ToListAsync(cancellationToken);
            var dropped = new List<ReviewAction>();
            var result = ResultComposer.Compose(doc.RawResultJson, corrections, actions, extractor.Threshold, dropped);
            var now = DateTime.UtcNow;
            foreach (var confirmation in dropped)
            {
                confirmation.Active = false;
                var value = result.Fields.GetValueOrDefault(confirmation.Path!)?.Value;
                db.ReviewActions.Add(new ReviewAction
                {
                    DocumentId = doc.Id, Kind = ReviewActionKind.ConfirmationDropped, Path = confirmation.Path, Value = value,
                    Reason = $"读出的数值由 {Plain(confirmation.Value)} 变为 {Plain(value)}，确认失效，回到待复核",
                    Who = actor, At = now,
                });
            }
            ResultComposer.Summarise(doc, result);
            if (doc.Status == DocumentStatus.Done)
            {
                db.Fields.AddRange(ResultComposer.ToFieldRows(doc.Id, result));
            }
        }
        if (doc.SignedOffAt is not null && !Snapshot(doc.ResultJson).SequenceEqual(before))
        {
            await ReopenAsync(doc, actor, "签发后文档的数值或状态发生变化，签发撤销，需重新复核", cancellationToken);
        }
        doc.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Withdraws the sign-off of <paramref name="doc"/> (tracked), recording why; saved with the caller's changes.</summary>
    public async Task ReopenAsync(Document doc, string actor, string reason, CancellationToken cancellationToken)
    {
        if (doc.SignedOffAt is null)
        {
            return;
        }
        db.ReviewActions.Add(new ReviewAction
        {
            DocumentId = doc.Id, Kind = ReviewActionKind.SignOffReopened,
            Reason = $"{reason}（原签发：{doc.SignedOffBy}，{doc.SignedOffAt:yyyy-MM-dd HH:mm:ss} UTC）", Who = actor, At = DateTime.UtcNow,
        });
        foreach (var signOff in await db.ReviewActions.Where(a => a.DocumentId == doc.Id && a.Kind == ReviewActionKind.SignOff && a.Active).ToListAsync(cancellationToken))
        {
            signOff.Active = false;
        }
        doc.SignedOffAt = null;
        doc.SignedOffBy = null;
    }

    private static List<string> Snapshot(string? resultJson)
    {
        if (resultJson is null || ResultJson.Deserialize(resultJson) is not { } r)
        {
            return [];
        }
        return r.Fields.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => $"{f.Key}={Plain(f.Value.Value)}:{f.Value.Status}").ToList();
    }

    private static string Plain(decimal? v) => v is null ? "空" : (v.Value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
