using Microsoft.AspNetCore.Authentication;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Core.Security;
using Portal.Identity.Tokens;
using Portal.Identity.TwoFactor;

namespace Portal.Identity;

public sealed class IdentityModule : IPortalModule
{
    /// <summary>Sign-in attempts per IP address per minute (<c>Portal:Identity:SignInsPerIpPerMinute</c>, 10 by default), on top of the per-account lockout.</summary>
    public const string SignInRateLimit = "identity-sign-in";

    public ModuleManifest Manifest { get; } = new("Identity", "Staff identity", "Staff users, roles, permissions, API tokens and the admin shell.")
    {
        AlwaysOn = true,
    };

    public IEnumerable<PermissionDefinition> Permissions => IdentityPermissions.All;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<StaffUser, StaffRole>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<PortalDb>()
            .AddErrorDescriber<CatalogIdentityErrors>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/admin/login";
            options.LogoutPath = "/admin/logout";
            options.AccessDeniedPath = "/admin/denied";
            options.Cookie.Name = "portal.staff";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The refreshed principal keeps how the user signed in (password only, or with a second factor).
            o.OnRefreshingPrincipal = refresh =>
            {
                var method = refresh.CurrentPrincipal?.FindFirst(TwoFactorRequirement.MethodClaim);
                if (method is not null && refresh.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity
                    && !identity.HasClaim(c => c.Type == TwoFactorRequirement.MethodClaim))
                {
                    identity.AddClaim(new System.Security.Claims.Claim(method.Type, method.Value));
                }
                return Task.CompletedTask;
            };
        });
        services.AddSingleton<IAuthorizationHandler, TwoFactorRequirementHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, TwoFactorRedirectResultHandler>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<StaffBootstrap>();
        services.AddRecipeStep<RolesRecipeStep>();
        services.AddRecipeStep<StaffUsersRecipeStep>();
        services.AddPerAddressLimit(SignInRateLimit,
            _ => configuration.GetValue("Portal:Identity:SignInsPerIpPerMinute", 10),
            _ => TimeSpan.FromSeconds(configuration.GetValue("Portal:Identity:SignInWindowSeconds", 60)),
            postsOnly: true);
        services.AddSingleton(new AdminMenuItem("Dashboard", "/admin", IdentityPermissions.Staff, 0));
        services.AddSingleton(new AdminMenuItem("Staff users", "/admin/users", IdentityPermissions.ManageUsers, 80));
        services.AddSingleton(new AdminMenuItem("Roles and permissions", "/admin/roles", IdentityPermissions.ManageRoles, 81));
        services.AddSingleton(new AdminMenuItem("Site settings", "/admin/settings", IdentityPermissions.ManageSettings, 82));
        services.AddSingleton(new AdminMenuItem("API tokens", "/admin/tokens", IdentityPermissions.Staff, 90));
        services.AddSingleton(new AdminMenuItem("Two-factor sign-in", TwoFactorPaths.Enroll, IdentityPermissions.Staff, 91));
    }

    public void ConfigureModel(ModelBuilder model)
    {
        model.Entity<ApiToken>(e =>
        {
            e.ToTable("ApiTokens");
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<AuthenticatorStep>(e =>
        {
            e.ToTable(OneTimeAuthenticatorTokenProvider.Table);
            e.HasKey(x => x.UserId);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
