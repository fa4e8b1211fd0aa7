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
/// <c>{ "name": "staff", "users": [{ "userName", "displayName", "roles": [...], "password" }] }</c>: demo staff.
/// Existing users are left alone; a user listed without a password cannot sign in until an administrator sets one.
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
            if (await users.FindByNameAsync(userName) is not null)
            {
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
            await bootstrap.CreateAsync(userName, displayName, null, string.IsNullOrEmpty(password) ? null : password, roles);
        }
    }
}
