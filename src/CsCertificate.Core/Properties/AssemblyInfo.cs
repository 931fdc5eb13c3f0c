// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.CompilerServices;

// The cmdlets (CsCertificate.dll) are the engine's only caller.
[assembly: InternalsVisibleTo("CsCertificate")]
[assembly: InternalsVisibleTo("CsCertificate.Tests")]
[assembly: InternalsVisibleTo("DynamicProxyGenAssembly2")]
