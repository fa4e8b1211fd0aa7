using Portal.Core;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Consultations;
using Portal.Core.Events;
using Portal.Core.Modules;
using Portal.Core.Notifications;
using Portal.Core.Security;
using Portal.Identity;
using Portal.Notifications.Alerts;
using Portal.Notifications.Messages;
using Portal.Notifications.Model;
using Portal.Notifications.Outbox;
using Portal.Notifications.Subscriptions;

namespace Portal.Notifications;

public sealed class NotificationsModule : IPortalModule
{
    public ModuleManifest Manifest { get; } = new(
        "Notifications", "Email notifications",
        "Receipts, moderation results and answers to commenters, subscriptions with digests, staff alerts; a leased outbox sent with MailKit.",
        "Identity", "Consultations");

    public IEnumerable<PermissionDefinition> Permissions => NotificationsPermissions.All;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection("Portal:Smtp"));
        services.Configure<NotificationOptions>(configuration.GetSection("Portal:Notifications"));
        services.AddScoped<DatabaseOutbox>();
        services.Replace(ServiceDescriptor.Scoped<INotificationOutbox>(sp => sp.GetRequiredService<DatabaseOutbox>()));
        services.AddScoped<MailRenderer>();
        services.AddSingleton<IMailTransport, MailTransport>();
        services.AddSingleton<Dispatcher>();
        services.AddHostedService<DispatcherService>();
        services.AddSingleton<NotificationJobs>();
        services.AddHostedService<NotificationJobsService>();
        services.AddScoped<Topics>();
        services.AddScoped<Subscribe>();
        services.AddScoped<ManageSubscription>();
        services.AddScoped<SubscriptionFeed>();
        services.AddScoped<StaffAlerts>();
        services.AddScoped<ConsultationMail>();
        services.AddScoped<IEventHandler<CommentSubmitted>>(sp => sp.GetRequiredService<ConsultationMail>());
        services.AddScoped<IEventHandler<CommentPublished>>(sp => sp.GetRequiredService<ConsultationMail>());
        services.AddScoped<IEventHandler<CommentRejected>>(sp => sp.GetRequiredService<ConsultationMail>());
        services.AddScoped<IEventHandler<DecisionFinalized>>(sp => sp.GetRequiredService<ConsultationMail>());
        services.AddScoped<HearingMail>();
        services.AddScoped<HearingReminders>();
        services.AddScoped<IEventHandler<Portal.Hearings.RegistrationConfirmed>>(sp => sp.GetRequiredService<HearingMail>());
        services.AddScoped<IEventHandler<Portal.Hearings.RegistrationWaitlisted>>(sp => sp.GetRequiredService<HearingMail>());
        services.AddScoped<IEventHandler<Portal.Hearings.RegistrationReceived>>(sp => sp.GetRequiredService<HearingMail>());
        services.AddScoped<IEventHandler<Portal.Hearings.RegistrationPromoted>>(sp => sp.GetRequiredService<HearingMail>());
        services.AddScoped<IEventHandler<Portal.Hearings.RegistrationCancelled>>(sp => sp.GetRequiredService<HearingMail>());
        services.AddScoped<IEventHandler<Portal.Hearings.LotteryDrawn>>(sp => sp.GetRequiredService<HearingMail>());
        services.AddScoped<IEventHandler<Portal.Hearings.HearingMaterialsReleased>>(sp => sp.GetRequiredService<HearingMail>());
        services.AddScoped<IEventHandler<Portal.Hearings.HearingCancelled>>(sp => sp.GetRequiredService<HearingMail>());
        services.AddScoped<IEventHandler<Portal.Hearings.HearingRescheduled>>(sp => sp.GetRequiredService<HearingMail>());
        services.AddPerAddressLimit(SubscriptionPages.RateLimit, http => http.RequestServices.GetRequiredService<IOptions<NotificationOptions>>().Value.SubscribesPerIpPerMinute);
        services.AddSingleton(new AdminMenuItem("Notifications", "/admin/notifications", NotificationsPermissions.ManageNotifications, 70));
    }

    public void ConfigureModel(ModelBuilder model) => NotificationsModel.Configure(model);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => SubscriptionPages.Map(endpoints);
}
