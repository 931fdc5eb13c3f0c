// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

// netstandard2.0 lacks the type that init accessors and positional records need; the compiler only needs it by name.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
