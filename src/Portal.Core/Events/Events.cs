using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Events;

/// <summary>
/// Handles a past-tense event raised by another module (notifications and audit listen).
/// Events are raised inside the unit of work, after the change is made and before the caller's
/// <c>SaveChanges</c>: a handler only adds rows to the scoped <c>PortalDb</c> (an outbox message, an audit entry)
/// and never saves, so what it records commits or rolls back with the change itself.
/// </summary>
public interface IEventHandler<in TEvent>
{
    Task HandleAsync(TEvent @event, CancellationToken cancellationToken);
}

public interface IEventPublisher
{
    Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken = default) where TEvent : notnull;
}

internal sealed class EventPublisher(IServiceProvider services) : IEventPublisher
{
    public async Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken = default) where TEvent : notnull
    {
        foreach (var handler in services.GetServices<IEventHandler<TEvent>>())
        {
            await handler.HandleAsync(@event, cancellationToken);
        }
    }
}
