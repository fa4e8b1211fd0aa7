using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Core.Security;

namespace Portal.Identity;

/// <summary><c>{ "name": "roles" }</c>: the five staff roles with their default permissions.</summary>
internal sealed class RolesRecipeStep(StaffBootstrap bootstrap) : IRecipeStep
{
    public string Name => "roles";

    public Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken) => bootstrap.EnsureRolesAsync();
}

/// <summary>
/// <c>{ "name": "staff", "users": [{ "userName", "displayName", "email", "roles": [...], "password" }] }</c>: demo staff.
/// Existing users are left alone, except that one without an email address gets the listed one (staff alerts reach
/// it); a user listed without a password cannot sign in until an administrator sets one.
/// </summary>
internal sealed class StaffUsersRecipeStep(StaffBootstrap bootstrap, UserManager<StaffUser> users) : IRecipeStep
{
    public string Name => "staff";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        foreach (var item in context.RequiredArray("users").EnumerateArray())
        {
            var userName = item.TryGetProperty("userName", out var u) ? u.GetString() : null;
            if (string.IsNullOrWhiteSpace(userName))
            {
                throw context.Error("users[].userName", "is required");
            }
            var email = item.TryGetProperty("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()?.Trim() : null;
            if (!string.IsNullOrEmpty(email) && !StaffBootstrap.IsEmail(email))
            {
                throw context.Error("users[].email", $"'{email}' is not an email address");
            }
            email = string.IsNullOrEmpty(email) ? null : email;
            if (await users.FindByNameAsync(userName) is { } existing)
            {
                if (email is not null && string.IsNullOrEmpty(existing.Email))
                {
                    await bootstrap.SetEmailAsync(existing, email);
                }
                continue;
            }
            var roles = item.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
                : [];
            var unknown = roles.FirstOrDefault(x => !StaffRoles.All.Contains(x));
            if (unknown is not null)
            {
                throw context.Error("users[].roles", $"unknown role '{unknown}' (known: {string.Join(", ", StaffRoles.All)})");
            }
            var displayName = item.TryGetProperty("displayName", out var d) ? d.GetString() ?? userName : userName;
            var password = item.TryGetProperty("password", out var p) ? p.GetString() : null;
            await bootstrap.CreateAsync(userName, displayName, email, string.IsNullOrEmpty(password) ? null : password, roles);
        }
    }
}
