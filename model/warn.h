// The kernel's WARNs as findings: `warn` for a drm_WARN_ON that is not a counter guard, `leak`
// for the WARNs of the free and release paths that find a count left over.
#pragma once

#include <string>
#include <string_view>

namespace resvcheck::model {

struct ShmemObject;

/// Reports a WARN raised by `where` on `obj`; the kernel goes on, and so does the caller.
void warn(const ShmemObject& obj, std::string_view where, const std::string& what);
/// The drm_WARN_ON(obj->import_attach) of the functions that only native objects may use.
void warn_if_imported(const ShmemObject& obj, std::string_view where);
/// Reports a leak found by the free path `where` on `obj`.
void leak(const ShmemObject& obj, std::string_view where, const std::string& what);

}  // namespace resvcheck::model
