using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Portal.Core.Localization;
using Portal.Notifications.Model;
using Portal.Theming;

namespace Portal.Notifications.Subscriptions;

[LiquidModel]
public sealed record TopicChoice(string Topic, string Label, bool Selected);

[LiquidModel]
public sealed record FrequencyChoice(string Value, string Label, bool Selected);

[LiquidModel]
public sealed record SubscribePage(
    IReadOnlyList<TopicChoice> Topics, IReadOnlyList<FrequencyChoice> Frequencies, string Email, string? Error, string? ErrorField,
    string AntiforgeryField, string AntiforgeryToken);

/// <summary>A short page after an action: what happened, and a button when one more click is needed.</summary>
[LiquidModel]
public sealed record SubscriptionMessagePage(string Title, string Message, string? Topic, string? ActionUrl, string? ActionLabel, string? AntiforgeryField, string? AntiforgeryToken, string State);

/// <summary><c>/subscriptions</c>: the form, the confirmation link and the one-click unsubscribe (RFC 8058).</summary>
public static class SubscriptionPages
{
    public const string RateLimit = "notifications-subscribe";

    public sealed class SubscribeForm
    {
        public string? Email { get; set; }
        public string? Topic { get; set; }
        public string? Frequency { get; set; }
        public string? Website { get; set; }
    }

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/subscriptions", async (string? topic, HttpContext http, ThemedPages pages, Topics topics, TextCatalog text, IAntiforgery antiforgery) =>
            await FormAsync(http, pages, topics, text, antiforgery, topic, "immediate", "", null, 200));

        endpoints.MapPost("/subscriptions", async ([FromForm] SubscribeForm? form, HttpContext http, ThemedPages pages, Topics topics, TextCatalog text,
            IAntiforgery antiforgery, Subscribe subscribe) =>
        {
            // A post without any of the form's fields binds to null: it is refused below like an empty form.
            form ??= new SubscribeForm();
            var culture = Culture();
            var result = await subscribe.HandleAsync(new Subscribe.Command(form.Email ?? "", form.Topic ?? "", form.Frequency ?? "", culture, form.Website), http.RequestAborted);
            if (!result.Succeeded)
            {
                return await FormAsync(http, pages, topics, text, antiforgery, form.Topic, form.Frequency ?? "", form.Email ?? "", result.Refusal!, result.Refusal!.Status);
            }
            return await MessageAsync(http, pages, new SubscriptionMessagePage(text.Translate("Check your email"),
                text.Translate("We have sent a confirmation link to the address you gave. Nothing will be sent until you open it. The link works once you click the button on the page it opens."),
                result.Value, null, null, null, null, "pending"));
        }).RequireRateLimiting(RateLimit);

        endpoints.MapGet("/subscriptions/confirm/{token}", async (string token, HttpContext http, ThemedPages pages, TextCatalog text, Topics topics,
            ManageSubscription manage, IAntiforgery antiforgery) =>
        {
            var subscription = await manage.FindAsync(token, http.RequestAborted);
            if (subscription is null || subscription.UnsubscribedUtc is not null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, text.Translate("This confirmation link is not valid any more. Subscribe again to get a new one."));
            }
            // A GET only shows the button: mail scanners that open links must not confirm on the reader's behalf.
            var tokens = antiforgery.GetAndStoreTokens(http);
            var label = await topics.LabelAsync(subscription.Topic, Culture(), http.RequestAborted);
            return await MessageAsync(http, pages, subscription.ConfirmedUtc is null
                ? new SubscriptionMessagePage(text.Translate("Confirm your subscription"), text.Translate("Press the button to start receiving email about this topic."),
                    label, $"/subscriptions/confirm/{token}", text.Translate("Confirm"), tokens.FormFieldName, tokens.RequestToken, "confirm")
                : new SubscriptionMessagePage(text.Translate("Subscription confirmed"), text.Translate("You will receive email about this topic."), label, null, null, null, null, "confirmed"));
        });

        endpoints.MapPost("/subscriptions/confirm/{token}", async (string token, HttpContext http, ThemedPages pages, TextCatalog text, Topics topics,
            ManageSubscription manage, IAntiforgery antiforgery) =>
        {
            if (!await IsValidFormAsync(antiforgery, http))
            {
                return await ErrorPages.RenderAsync(http, pages, 400, text.Translate("The form expired. Open the link from the email again."));
            }
            var subscription = await manage.ConfirmAsync(token, http.RequestAborted);
            if (subscription is null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, text.Translate("This confirmation link is not valid any more. Subscribe again to get a new one."));
            }
            var label = await topics.LabelAsync(subscription.Topic, Culture(), http.RequestAborted);
            return await MessageAsync(http, pages, new SubscriptionMessagePage(text.Translate("Subscription confirmed"),
                text.Translate("You will receive email about this topic."), label, null, null, null, null, "confirmed"));
        });

        endpoints.MapGet("/subscriptions/unsubscribe/{token}", async (string token, HttpContext http, ThemedPages pages, TextCatalog text, Topics topics, ManageSubscription manage) =>
        {
            var subscription = await manage.FindAsync(token, http.RequestAborted);
            if (subscription is null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, text.Translate("This unsubscribe link is not valid. Use the link from the latest email you received."));
            }
            var label = await topics.LabelAsync(subscription.Topic, Culture(), http.RequestAborted);
            return await MessageAsync(http, pages, subscription.UnsubscribedUtc is not null
                ? new SubscriptionMessagePage(text.Translate("You are unsubscribed"), text.Translate("You will not receive any more email about this topic."), label, null, null, null, null, "unsubscribed")
                : new SubscriptionMessagePage(text.Translate("Unsubscribe"), text.Translate("Press the button to stop all email about this topic."),
                    label, $"/subscriptions/unsubscribe/{token}", text.Translate("Unsubscribe"), null, null, "unsubscribe"));
        });

        // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" without cookies or forms; the token is the credential.
        endpoints.MapPost("/subscriptions/unsubscribe/{token}", async (string token, HttpContext http, ThemedPages pages, TextCatalog text, Topics topics, ManageSubscription manage) =>
        {
            var subscription = await manage.UnsubscribeAsync(token, http.RequestAborted);
            if (subscription is null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, text.Translate("This unsubscribe link is not valid. Use the link from the latest email you received."));
            }
            var label = await topics.LabelAsync(subscription.Topic, Culture(), http.RequestAborted);
            return await MessageAsync(http, pages, new SubscriptionMessagePage(text.Translate("You are unsubscribed"),
                text.Translate("You will not receive any more email about this topic."), label, null, null, null, null, "unsubscribed"));
        }).DisableAntiforgery();
    }

    /// <summary>An unreadable body (a broken multipart, say) is as invalid as a missing token: 400, not an exception.</summary>
    private static async Task<bool> IsValidFormAsync(IAntiforgery antiforgery, HttpContext http)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private static string Culture() => CultureInfo.CurrentUICulture.Name == "en" ? "en" : "zh-CN";

    private static async Task<IResult> FormAsync(HttpContext http, ThemedPages pages, Topics topics, TextCatalog text, IAntiforgery antiforgery,
        string? topic, string frequency, string email, Portal.Core.Refusal? refusal, int status)
    {
        var culture = Culture();
        var options = await topics.OptionsAsync(topic, culture, http.RequestAborted);
        var selected = options.Any(o => o.Topic == topic) ? topic : options.FirstOrDefault()?.Topic;
        var frequencies = Enum.GetValues<DigestFrequency>().Select(f => new FrequencyChoice(f.ToString().ToLowerInvariant(),
            Subscribe.FrequencyLabel(text, f, culture), string.Equals(f.ToString(), frequency, StringComparison.OrdinalIgnoreCase))).ToList();
        if (!frequencies.Any(f => f.Selected))
        {
            frequencies[0] = frequencies[0] with { Selected = true };
        }
        var tokens = antiforgery.GetAndStoreTokens(http);
        var model = new SubscribePage(options.Select(o => new TopicChoice(o.Topic, o.Label, o.Topic == selected)).ToList(), frequencies, email,
            refusal?.Message, refusal?.Field, tokens.FormFieldName, tokens.RequestToken!);
        var title = text.Translate("Follow by email");
        http.Response.Headers.CacheControl = "no-store";
        return await pages.PageAsync(http, "Notifications/Subscribe", model, new PageMeta(title)
        {
            Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(title, null)],
        }, status);
    }

    private static Task<IResult> MessageAsync(HttpContext http, ThemedPages pages, SubscriptionMessagePage model)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return pages.PageAsync(http, "Notifications/Message", model, new PageMeta(model.Title));
    }
}
