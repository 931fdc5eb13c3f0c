// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Globalization;

namespace CsCertificate.Resources;

/// <summary>
/// Formats the messages of <see cref="Strings"/> for the current UI culture.
/// </summary>
internal static class Messages
{
    public static string Format(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
}
