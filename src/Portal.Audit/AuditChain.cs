using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Audit.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Audit;

/// <summary>
/// The hash chain. <see cref="SealAsync"/> takes the head row's lock, gives every unsealed entry the next sequence
/// number, the previous entry's hash and its own hash, and moves the head — so entries written by any number of
/// web nodes end up in one unforked chain. <see cref="VerifyAsync"/> walks it and names the first entry that was
/// altered, removed or inserted.
/// </summary>
public sealed class AuditChain(PortalDb db, TimeProvider clock)
{
    public const int BatchSize = 500;

    public sealed record Verdict(bool Intact, long Entries, string Message, long? FirstBadSequence = null);

    /// <summary>Seals waiting entries; returns how many. Safe to call from several nodes at once.</summary>
    public async Task<int> SealAsync(CancellationToken cancellationToken)
    {
        if (!await HasWorkAsync(cancellationToken))
        {
            // Every node polls twice a second: an idle poll must not write, or it would take SQLite's single write
            // lock (and an fsync) from citizens' comments and sign-ups for nothing.
            return 0;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The conditional UPDATE takes the head's row lock (PostgreSQL) or the write lock (SQLite) first, so a
            // second sealer waits here and then reads the head this one leaves.
            await db.Set<AuditHead>().Where(h => h.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(h => h.Version, h => h.Version + 1), cancellationToken);
            var head = await db.Set<AuditHead>().AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
            var pending = await db.Set<AuditEntry>().Where(e => e.Sequence == null).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
            var sequence = head.Sequence;
            var previous = head.Hash;
            foreach (var entry in pending)
            {
                entry.Sequence = ++sequence;
                entry.PreviousHash = previous;
                entry.Hash = HashOf(entry);
                previous = entry.Hash;
            }
            if (pending.Count > 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                await db.Set<AuditHead>().Where(h => h.Id == 1)
                    .ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, sequence).SetProperty(h => h.Hash, previous), cancellationToken);
            }
            await PublishCheckpointAsync(sequence, previous, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return pending.Count;
        });
    }

    /// <summary>Unsealed entries wait, or today's head is not published yet. Read without a lock: the sealing itself re-reads under it.</summary>
    private async Task<bool> HasWorkAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<AuditEntry>().AnyAsync(e => e.Sequence == null, cancellationToken))
        {
            return true;
        }
        var head = await db.Set<AuditHead>().AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
        var today = DateOnly.FromDateTime(SiteClock.ToLocal(clock.GetUtcNow()).Date);
        return head.Sequence > 0 && !await db.Set<AuditCheckpoint>().AnyAsync(c => c.Date == today, cancellationToken);
    }

    /// <summary>Once a day (site time) the head is published on the transparency page, where outsiders can keep it.</summary>
    private async Task PublishCheckpointAsync(long sequence, string hash, CancellationToken cancellationToken)
    {
        if (sequence == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(SiteClock.ToLocal(now).Date);
        if (await db.Set<AuditCheckpoint>().AnyAsync(c => c.Date == today, cancellationToken))
        {
            return;
        }
        db.Add(new AuditCheckpoint { Date = today, Sequence = sequence, Hash = hash, PublishedUtc = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Verdict> VerifyAsync(CancellationToken cancellationToken)
    {
        var expected = 1L;
        var previous = "";
        var checkpoints = (await db.Set<AuditCheckpoint>().AsNoTracking().ToListAsync(cancellationToken)).ToLookup(c => c.Sequence);
        await foreach (var entry in db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence).ThenBy(e => e.Id)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var sequence = entry.Sequence!.Value;
            if (sequence < expected)
            {
                return new Verdict(false, expected - 1, $"Entry {sequence} (row {entry.Id}) was inserted: the chain already has an entry {sequence}.", sequence);
            }
            if (sequence > expected)
            {
                return new Verdict(false, expected - 1, $"Entry {expected} was removed: the chain jumps from {expected - 1} to {sequence}.", expected);
            }
            if (entry.PreviousHash != previous)
            {
                return new Verdict(false, expected - 1,
                    $"Entry {sequence} (row {entry.Id}) does not follow entry {sequence - 1}: an entry was inserted or removed before it, or it was altered.", sequence);
            }
            if (HashOf(entry) != entry.Hash)
            {
                return new Verdict(false, expected - 1, $"Entry {sequence} (row {entry.Id}) was altered: its content no longer matches its hash.", sequence);
            }
            if (checkpoints[sequence].FirstOrDefault(c => c.Hash != entry.Hash) is { } rewritten)
            {
                return new Verdict(false, expected - 1,
                    $"The chain was rewritten: the head published on {rewritten.Date:yyyy-MM-dd} (entry {sequence}) no longer matches.", sequence);
            }
            previous = entry.Hash;
            expected++;
        }
        var count = expected - 1;
        var head = await db.Set<AuditHead>().AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
        if (head.Sequence != count || head.Hash != previous)
        {
            return head.Sequence > count
                ? new Verdict(false, count, $"Entries {count + 1} to {head.Sequence} were removed: the chain ends at {count} but its head is at {head.Sequence}.", count + 1)
                : new Verdict(false, count, $"Entry {head.Sequence + 1} was inserted after the head ({head.Sequence}).", head.Sequence + 1);
        }
        if (checkpoints.SelectMany(g => g).FirstOrDefault(c => c.Sequence > count) is { } lost)
        {
            return new Verdict(false, count, $"Entries after {count} were removed: the head published on {lost.Date:yyyy-MM-dd} was entry {lost.Sequence}.", count + 1);
        }
        var unsealed = await db.Set<AuditEntry>().CountAsync(e => e.Sequence == null, cancellationToken);
        return new Verdict(true, count, unsealed == 0
            ? $"The audit chain is intact: {count} entries, head {previous}."
            : $"The audit chain is intact: {count} entries, head {previous}; {unsealed} newer entries are waiting to be sealed.");
    }

    /// <summary>SHA-256 over the entry's fields and the previous hash, separated by a unit separator (documented on the public page).</summary>
    public static string HashOf(AuditEntry e)
    {
        var canonical = string.Join('\u001f',
            e.Sequence?.ToString(CultureInfo.InvariantCulture), e.PreviousHash, e.OccurredUtc.UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.Actor, e.Action, e.EntityType, e.EntityKey, e.Summary, e.Context);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>Seals new entries every half second on each node; the head lock keeps the nodes from forking the chain.</summary>
internal sealed class AuditSealer(IServiceScopeFactory scopes, TimeProvider clock, FirstRequestGate firstRequest, ILogger<AuditSealer> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await firstRequest.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int sealedCount;
                do
                {
                    using var scope = scopes.CreateScope();
                    sealedCount = await scope.ServiceProvider.GetRequiredService<AuditChain>().SealAsync(stoppingToken);
                }
                while (sealedCount == AuditChain.BatchSize && !stoppingToken.IsCancellationRequested);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                // The database may not be migrated yet on first start, or be briefly unavailable: try again next tick.
                log.LogDebug(e, "Audit sealing postponed");
            }
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
