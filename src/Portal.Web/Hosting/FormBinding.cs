using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Portal.Core.Localization;
using Portal.Core.Text;

namespace Portal.Web.Hosting;

/// <summary>
/// What the staff forms' model binding says and accepts. Its built-in messages ("The value 'x' is not valid for
/// Opens.") are English and name the C# property; here they come from the catalog in the reader's language, without
/// the property (the message stands beside its field). Dates outside 2000–2100 are refused at binding: year 1 made
/// the site-time conversion throw (a 500), and a form that treats a missing date as "now" must not get one.
/// </summary>
internal static class FormBinding
{
    public static void Configure(MvcOptions options, TextCatalog text)
    {
        options.ModelBinderProviders.Insert(0, new SiteDateBinderProvider());
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => string.Format(System.Globalization.CultureInfo.CurrentCulture, text.Translate("The value '{0}' is not valid."), value));
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => string.Format(System.Globalization.CultureInfo.CurrentCulture, text.Translate("The value '{0}' is not valid."), value));
        messages.SetValueIsInvalidAccessor(value => string.Format(System.Globalization.CultureInfo.CurrentCulture, text.Translate("The value '{0}' is not valid."), value));
        messages.SetUnknownValueIsInvalidAccessor(_ => text.Translate("The value is not valid."));
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text.Translate("The value is not valid."));
        messages.SetValueMustBeANumberAccessor(_ => text.Translate("Enter a number."));
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text.Translate("Enter a number."));
        messages.SetValueMustNotBeNullAccessor(_ => text.Translate("A value is required."));
        messages.SetMissingBindRequiredValueAccessor(_ => text.Translate("A value is required."));
        messages.SetMissingKeyOrValueAccessor(() => text.Translate("A value is required."));
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text.Translate("A value is required."));
    }

    private sealed class SiteDateBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
            return type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(DateTimeOffset)
                ? new SiteDateBinder(new SimpleTypeModelBinder(context.Metadata.ModelType, context.Services.GetRequiredService<ILoggerFactory>()))
                : null;
        }
    }

    private sealed class SiteDateBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext binding)
        {
            await inner.BindModelAsync(binding);
            var plausible = binding.Result.Model switch
            {
                DateTime d => d.Year is >= 2000 and <= 2100,
                DateOnly d => SiteClock.IsPlausible(d),
                DateTimeOffset d => SiteClock.IsPlausible(d),
                _ => true,
            };
            if (binding.Result.IsModelSet && !plausible)
            {
                var text = binding.HttpContext.RequestServices.GetRequiredService<TextCatalog>();
                binding.ModelState.TryAddModelError(binding.ModelName, text.Translate(SiteClock.ImplausibleDate));
                binding.Result = ModelBindingResult.Failed();
            }
        }
    }
}
