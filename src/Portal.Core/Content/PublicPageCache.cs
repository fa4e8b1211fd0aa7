using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Content;

/// <summary>
/// The public page cache's notion of "what the public sees has changed". Every cached page is stored under the
/// generation current when its request began, so a page rendered from data older than a change is never served
/// to a request that starts after the change: the change moves the generation and with it every cache key.
/// The generation moves
/// <list type="bullet">
/// <item>on this node, when a save that changed anything but bookkeeping rows commits (<see cref="ContentGenerationInterceptor"/>);</item>
/// <item>for changes made on other nodes, when the content change log grows (<see cref="ContentGenerationWatcher"/>, every poll interval);</item>
/// <item>when a scheduled change in the log falls due (an embargo lifting, a consultation closing).</item>
/// </list>
/// What no log records (a counter such as seats left changed on another node, "3 days left") is bounded by the cache lifetime.
/// </summary>
public sealed class ContentGeneration
{
    private readonly Lock gate = new();
    private long current;
    private DateTimeOffset? nextDue;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> localChanges = new();

    public long Current => Interlocked.Read(ref current);

    public void Bump() => Interlocked.Increment(ref current);

    /// <summary>A change-log row this node wrote (its commit already moved the generation here).</summary>
    internal void NoteLocalChange(long id) => localChanges.TryAdd(id, 0);

    /// <summary>Whether a row the watcher finds was written here; each is answered once.</summary>
    internal bool TakeLocalChange(long id) => localChanges.TryRemove(id, out _);

    private int localSavesInFlight;

    /// <summary>
    /// Saves on this node whose log rows may be committed but not yet noted (EF assigns the ids after the commit);
    /// while there are any, the watcher judges unknown rows at its next look instead of counting them as foreign.
    /// </summary>
    internal bool LocalSavesInFlight => Volatile.Read(ref localSavesInFlight) > 0;

    internal void LocalSaveStarted() => Interlocked.Increment(ref localSavesInFlight);

    internal void LocalSaveEnded() => Interlocked.Decrement(ref localSavesInFlight);

    /// <summary>
    /// The generation for a request made at <paramref name="now"/>: if a scheduled change has fallen due since the
    /// last look, the generation moves first, so the page appears at its second, not at the next poll.
    /// </summary>
    public long CurrentAt(DateTimeOffset now)
    {
        lock (gate)
        {
            if (nextDue is { } due && due <= now)
            {
                nextDue = null;
                Bump();
            }
        }
        return Current;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> storedUnder = new();

    /// <summary>A page was stored in the cache under generation <paramref name="stored"/>.</summary>
    internal void NoteStored(long stored) => storedUnder.TryAdd(stored, 0);

    /// <summary>
    /// The generations older than the current one that pages were stored under since the last call: their pages are
    /// never served again, and only they may be dropped. Each is answered once (a page still being rendered under one
    /// notes it again as it is stored).
    /// </summary>
    internal List<long> TakeSuperseded()
    {
        var now = Current;
        var superseded = new List<long>();
        foreach (var stored in storedUnder.Keys)
        {
            if (stored < now && storedUnder.TryRemove(stored, out _))
            {
                superseded.Add(stored);
            }
        }
        return superseded;
    }

    /// <summary>A scheduled change was just saved on this node.</summary>
    public void NoteDue(DateTimeOffset due)
    {
        lock (gate)
        {
            nextDue = nextDue is { } d && d < due ? d : due;
        }
    }

    /// <summary>
    /// The earliest scheduled change still ahead, as the change log says. A time noted by a local save stays unless the
    /// log's is earlier: the log may have been read just before that save committed, and forgetting it would serve the
    /// old page past the moment (a time that is no longer scheduled only costs one unneeded re-render).
    /// </summary>
    public void SetNextDue(DateTimeOffset? due, DateTimeOffset now)
    {
        lock (gate)
        {
            if (nextDue is { } pending && pending <= now)
            {
                Bump();
                nextDue = due;
            }
            else
            {
                nextDue = nextDue is { } noted && (due is null || noted < due) ? noted : due;
            }
        }
    }
}

public sealed class PublicCacheOptions
{
    /// <summary>How long a cached public page lives at most (bounds what no change log records, like relative times).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each node reads the change log for changes made on other nodes and for due scheduled changes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public bool Enabled { get; set; } = true;
}

/// <summary>Moves the generation after every committed save that changed something the public may see.</summary>
internal sealed class ContentGenerationInterceptor(ContentGeneration generation) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Saves inside an explicit transaction count only once it commits: a page rendered in between would otherwise be stored under the new generation with the old data.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<ContentChange>> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Settle(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Settle(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        // Registered after every module's interceptors (the audit recorder has detected changes by now): a second full
        // DetectChanges here made long units of work, like applying the demo recipe, quadratic.
        var entries = context.ChangeTracker.Changed();
        if (!entries.Any(e => Matters(e.Metadata.ClrType)))
        {
            return;
        }
        var changes = pending.GetOrCreateValue(context);
        foreach (var change in entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity).OfType<ContentChange>())
        {
            if (changes.Count == 0)
            {
                generation.LocalSaveStarted();
            }
            changes.Add(change);
            if (change.DueUtc > change.ChangedUtc)
            {
                generation.NoteDue(change.DueUtc);
            }
        }
    }

    private void Settle(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var changes))
        {
            return;
        }
        // The log rows have their ids now; the watcher will not count them as another node's changes.
        foreach (var change in changes)
        {
            generation.NoteLocalChange(change.Id);
        }
        if (changes.Count > 0)
        {
            changes.Clear();
            generation.LocalSaveEnded();
        }
        if (context.Database.CurrentTransaction is null)
        {
            // SaveChanges' own transaction (if any) has committed.
            pending.Remove(context);
            generation.Bump();
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var changes))
        {
            return;
        }
        generation.Bump();
        if (changes.Count == 0)
        {
            pending.Remove(context);
        }
        // else: SaveChanges' own transaction committed; SavedChanges, right after, notes the ids.
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var changes))
        {
            pending.Remove(context);
            if (changes.Count > 0)
            {
                generation.LocalSaveEnded();
            }
        }
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> Relevant = new();

    /// <summary>
    /// Bookkeeping rows (audit entries, the outbox, leases) change no page, and neither do the staff accounts, their
    /// roles and API tokens, which no public page reads: a sign-in or a token's first use each minute writes them, and
    /// each such save used to drop every cached page. The change log always matters.
    /// </summary>
    private static bool Matters(Type type) => Relevant.GetOrAdd(type, t =>
        t == typeof(ContentChange)
        || (Attribute.GetCustomAttribute(t, typeof(NotAuditedAttribute)) is null
            && Attribute.GetCustomAttribute(t, typeof(NotShownPubliclyAttribute)) is null
            && t != typeof(StaffUser) && t != typeof(StaffRole)
            && t.Namespace != "Microsoft.AspNetCore.Identity"
            && t.Name != "DataProtectionKey"));

    // The remaining transaction events are not needed.
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) => result;
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result) => result;
    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);
    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);
    public DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result) => result;
    public ValueTask<DbTransaction> TransactionUsedAsync(DbConnection connection, TransactionEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);
    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) => result;
    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);
    public InterceptionResult TransactionRollingBack(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) => result;
    public ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);
    public InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) => result;
    public void CreatedSavepoint(DbTransaction transaction, TransactionEventData eventData) { }
    public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);
    public Task CreatedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public InterceptionResult RollingBackToSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) => result;
    public void RolledBackToSavepoint(DbTransaction transaction, TransactionEventData eventData) { }
    public ValueTask<InterceptionResult> RollingBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);
    public Task RolledBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public InterceptionResult ReleasingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) => result;
    public void ReleasedSavepoint(DbTransaction transaction, TransactionEventData eventData) { }
    public ValueTask<InterceptionResult> ReleasingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);
    public Task ReleasedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData.Context);
    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Rows no public page reads (an API token, say): saving them leaves cached public pages as they are. Audited all the
/// same, unlike <see cref="NotAuditedAttribute"/> bookkeeping.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotShownPubliclyAttribute : Attribute;

/// <summary>
/// Reads the change log on every node: a new row (a change made on any node) or a scheduled row falling due moves
/// the generation; then the superseded pages are dropped from memory. Only those: a page stored under the current
/// generation (rendered in the moments between a change and this poll) is still the right answer, and dropping it
/// with the rest made the next reader render it again.
/// </summary>
internal sealed class ContentGenerationWatcher(IServiceScopeFactory scopes, ContentGeneration generation, IOutputCacheStore store,
    PublicCacheOptions options, TimeProvider clock, ILogger<ContentGenerationWatcher> logger) : BackgroundService
{
    private const long TrailingIds = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? lastId = null;
        var seen = new HashSet<long>();
        var deferred = new HashSet<long>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
                    var now = clock.GetUtcNow();
                    // A trailing window of ids, because on PostgreSQL a lower id can commit after a higher one.
                    var floor = (lastId ?? await db.Set<ContentChange>().MaxAsync(c => (long?)c.Id, stoppingToken) ?? 0) - TrailingIds;
                    var ids = await db.Set<ContentChange>().Where(c => c.Id > floor).Select(c => c.Id).ToListAsync(stoppingToken);
                    var foreign = false;
                    var judgeLater = generation.LocalSavesInFlight;
                    foreach (var id in ids.Where(id => !seen.Contains(id)))
                    {
                        // Rows this node wrote moved the generation when they committed.
                        if (generation.TakeLocalChange(id))
                        {
                            deferred.Remove(id);
                            seen.Add(id);
                        }
                        else if (!judgeLater || !deferred.Add(id))
                        {
                            deferred.Remove(id);
                            seen.Add(id);
                            foreign = true;
                        }
                    }
                    if (foreign && lastId is not null)
                    {
                        generation.Bump();
                    }
                    lastId = Math.Max(floor + TrailingIds, ids.Count == 0 ? 0 : ids.Max());
                    seen.RemoveWhere(id => id <= lastId.Value - TrailingIds);
                    deferred.RemoveWhere(id => id <= lastId.Value - TrailingIds);
                    generation.SetNextDue(await db.Set<ContentChange>().Where(c => c.DueUtc > now).MinAsync(c => (DateTimeOffset?)c.DueUtc, stoppingToken), now);
                }
                foreach (var superseded in generation.TakeSuperseded())
                {
                    await store.EvictByTagAsync(PublicPageCache.GenerationTag(superseded), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                // The database may be briefly unavailable (a restart, a migration on another node); pages then live their lifetime.
                logger.LogWarning(ex, "Could not read the content change log for the page cache; retrying.");
            }
            try
            {
                // Real time, whatever the site clock: this is how often the log is read, not a moment in the content.
                await Task.Delay(options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>
/// Which requests are served from and stored in the public page cache: anonymous GET/HEAD requests to endpoints
/// that opted in with <see cref="PublicPageCache.CachePublicPage{TBuilder}"/>, per address, the query keys the page
/// reads, language and generation; only complete 200 responses that set no cookie (a page with a form and its
/// antiforgery token is never cached, nor anything a signed-in member of staff sees).
/// </summary>
internal sealed class PublicPagePolicy(ContentGeneration generation, PublicCacheOptions options, TimeProvider clock) : IOutputCachePolicy
{
    /// <summary>The generation a request is stored under, from its lookup to its storage.</summary>
    private static readonly object GenerationItem = new();

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = options.Enabled
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && context.HttpContext.User.Identity?.IsAuthenticated != true
            && !request.Headers.ContainsKey("Authorization");
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = options.Lifetime;
        // Stored per the values of the keys the page reads and no others: every made-up key (?r=123) would otherwise
        // be a copy of its own, and a feed or the sitemap, which read every public item, would be built again for each.
        // The other keys are taken off before the page runs, so nothing on it (the layout's language links, the search
        // box) can show the query one reader made up to everyone served that copy.
        var keys = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<PublicPageQueryKeys>()?.Keys ?? [];
        if (request.Query.Keys.Any(k => !keys.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            var kept = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder();
            foreach (var (key, values) in request.Query.Where(q => keys.Contains(q.Key, StringComparer.OrdinalIgnoreCase)))
            {
                kept.Add(key, values.Select(v => v ?? "").ToArray());
            }
            request.QueryString = kept.ToQueryString();
        }
        context.CacheVaryByRules.QueryKeys = keys;
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        var current = generation.CurrentAt(clock.GetUtcNow());
        context.CacheVaryByRules.VaryByValues["generation"] = current.ToString(CultureInfo.InvariantCulture);
        context.Tags.Add(PublicPageCache.Tag);
        // The watcher drops a generation's pages once it is superseded, and only then.
        context.Tags.Add(PublicPageCache.GenerationTag(current));
        context.HttpContext.Items[GenerationItem] = current;
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // Antiforgery marks a page with a token no-store: it belongs to one reader's cookie.
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey("Set-Cookie")
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase) || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase))
        {
            context.AllowCacheStorage = false;
        }
        else if (context.AllowCacheStorage && context.HttpContext.Items[GenerationItem] is long stored)
        {
            generation.NoteStored(stored);
        }
        return ValueTask.CompletedTask;
    }
}

public static class PublicPageCache
{
    public const string Tag = "public";
    private const string PolicyName = "public-page";

    /// <summary>The tag of the pages stored under one content generation (besides <see cref="Tag"/>).</summary>
    internal static string GenerationTag(long generation) => $"{Tag}:{generation.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The cache, its invalidation and the change-log watcher. Configuration: <c>Portal:OutputCache:*</c>.</summary>
    public static IServiceCollection AddPublicPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new PublicCacheOptions();
        configuration.GetSection("Portal:OutputCache").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<ContentGeneration>();
        services.AddSingleton<ContentMemo>();
        services.AddSingleton<ContentGenerationInterceptor>();
        services.AddHostedService<ContentGenerationWatcher>();
        services.AddOutputCache(o =>
        {
            o.SizeLimit = 64L * 1024 * 1024;
            o.MaximumBodySize = 4L * 1024 * 1024;
        });
        services.AddOptions<OutputCacheOptions>().Configure<ContentGeneration, TimeProvider>((o, generation, clock) =>
            o.AddPolicy(PolicyName, new PublicPagePolicy(generation, options, clock)));
        return services;
    }

    /// <summary>Call after every module has registered its services: this interceptor must see the changes the others detected.</summary>
    public static IServiceCollection AddPublicPageCacheInterceptor(this IServiceCollection services) =>
        services.AddSingleton<ISaveChangesInterceptor>(sp => sp.GetRequiredService<ContentGenerationInterceptor>());

    /// <summary>
    /// Marks a public page (or feed) as cacheable: it must look the same to every anonymous reader. <paramref name="queryKeys"/>
    /// are the query parameters the page reads (a filter, a page number); it is cached per their values, and never sees any other.
    /// </summary>
    public static TBuilder CachePublicPage<TBuilder>(this TBuilder builder, params string[] queryKeys) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicPageQueryKeys(queryKeys)).CacheOutput(PolicyName);
}

/// <summary>The query parameters a cached public page reads (<see cref="PublicPageCache.CachePublicPage{TBuilder}"/>).</summary>
public sealed record PublicPageQueryKeys(string[] Keys);

/// <summary>
/// Data that every page shows and that changes only with content (the navigation, related links), kept in memory per
/// content generation: the same invalidation as the page cache, for the pages that cannot be cached whole.
/// </summary>
public sealed class ContentMemo(ContentGeneration generation, PublicCacheOptions options, TimeProvider clock, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    public async Task<T> GetAsync<T>(string key, Func<Task<T>> factory)
    {
        var entry = (key, generation.CurrentAt(clock.GetUtcNow()));
        if (options.Enabled && cache.TryGetValue(entry, out var cached) && cached is T hit)
        {
            return hit;
        }
        var value = await factory();
        if (options.Enabled)
        {
            Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(cache, entry, value, options.Lifetime);
        }
        return value;
    }
}
