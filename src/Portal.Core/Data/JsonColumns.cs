using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Data;

public static class JsonColumns
{
    /// <summary>
    /// Stores a small list that is always read with its owner as one JSON text column, the same way on SQLite and
    /// PostgreSQL; changes inside the list are detected by comparing the serialized text.
    /// </summary>
    public static PropertyBuilder<List<TItem>> HasJsonConversion<TItem>(this PropertyBuilder<List<TItem>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            v => JsonSerializer.Deserialize<List<TItem>>(v, JsonSerializerOptions.Default) ?? new List<TItem>(),
            new ValueComparer<List<TItem>>(
                (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<List<TItem>>(JsonSerializer.Serialize(v, JsonSerializerOptions.Default), JsonSerializerOptions.Default)!));
}
