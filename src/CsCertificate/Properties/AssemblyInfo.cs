// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("CsCertificate.Tests")]
[assembly: InternalsVisibleTo("DynamicProxyGenAssembly2")]
