// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Commands;

/// <summary>
/// The parameter-set names of Request-CsCertificate, used in the attributes and in dispatch alike.
/// </summary>
internal static class ParameterSets
{
    public const string New = "New";
    public const string List = "List";
    public const string Retrieve = "Retrieve";
    public const string Clear = "Clear";
}
