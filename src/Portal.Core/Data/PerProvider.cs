using System.Collections.Concurrent;

namespace Portal.Core.Data;

/// <summary>
/// An EF compiled query for each database provider. A delegate from <c>EF.CompileQuery</c> binds to the model and SQL
/// of the first context it runs on and reuses them for every later one; a process can hold contexts of both providers
/// (the tests start SQLite and PostgreSQL sites side by side), so each context type gets its own compiled delegate.
/// </summary>
public sealed class PerProvider<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConcurrentDictionary<Type, TQuery> compiled = new();

    public TQuery For(PortalDb db) => compiled.GetOrAdd(db.GetType(), static (_, compile) => compile(), compile);
}
