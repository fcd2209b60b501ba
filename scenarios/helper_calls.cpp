#include "scenarios/helper_calls.h"

#include <cstdlib>
#include <span>

#include "model/dma_buf.h"
#include "model/gem_object.h"
#include "model/helper_v6_10.h"
#include "model/helper_v6_16.h"
#include "model/helper_v6_4.h"
#include "model/helper_v6_5.h"
#include "scenarios/kernel_ret.h"

namespace resvcheck::scenarios {
namespace {

using model::Version;

bool is_dma_buf_call(Call c) { return c >= Call::dma_buf_vmap && c <= Call::dma_buf_mmap; }

// The dma-buf calls on an import (the same dma-buf core in every version; model/dma_buf.h).
RetValue run_dma_buf(model::ShmemObject& import, const Op& op) {
  switch (op.call) {
    case Call::dma_buf_vmap:
      return from_errno(model::dma_buf_vmap(import));
    case Call::dma_buf_vunmap:
      model::dma_buf_vunmap(import);
      break;
    case Call::dma_buf_vmap_unlocked:
      return from_errno(model::dma_buf_vmap_unlocked(import));
    case Call::dma_buf_vunmap_unlocked:
      model::dma_buf_vunmap_unlocked(import);
      break;
    case Call::dma_buf_map_attachment:
      return from_errno(model::dma_buf_map_attachment(import));
    case Call::dma_buf_unmap_attachment:
      model::dma_buf_unmap_attachment(import);
      break;
    case Call::dma_buf_map_attachment_unlocked:
      return from_errno(model::dma_buf_map_attachment_unlocked(import));
    case Call::dma_buf_unmap_attachment_unlocked:
      model::dma_buf_unmap_attachment_unlocked(import);
      break;
    case Call::dma_buf_pin:
      return from_errno(model::dma_buf_pin(import));
    case Call::dma_buf_unpin:
      model::dma_buf_unpin(import);
      break;
    case Call::dma_buf_mmap:
      return from_errno(model::dma_buf_mmap(import));
    default:
      std::abort();  // not a dma-buf call
  }
  return RetValue::zero;
}

// Adapters from a model function to a table entry, by the function's signature and how the
// scenario format reads its return.
using Run = RetValue (*)(model::ShmemObject&, const Op&);

template <int (*F)(model::ShmemObject&)>
RetValue errno_of(model::ShmemObject& obj, const Op& /*op*/) {
  return from_errno(F(obj));
}
template <void (*F)(model::ShmemObject&)>
RetValue zero_of(model::ShmemObject& obj, const Op& /*op*/) {
  F(obj);
  return RetValue::zero;
}
template <bool (*F)(model::ShmemObject&)>
RetValue bool_of(model::ShmemObject& obj, const Op& /*op*/) {
  return from_bool(F(obj));
}
template <bool (*F)(model::ShmemObject&, int)>
RetValue madvise_of(model::ShmemObject& obj, const Op& op) {
  return from_bool(F(obj, op.madv));
}
template <int (*F)(model::ShmemObject&, model::Mapping)>
RetValue mmap_of(model::ShmemObject& obj, const Op& op) {
  return from_errno(F(obj, op.mapping));
}
template <int (*F)(model::ShmemObject&)>
RetValue fault_of(model::ShmemObject& obj, const Op& /*op*/) {
  return from_fault(F(obj));
}

// drm_gem_object_put: GEM core, the same in every version.
RetValue put_object(model::ShmemObject& obj, const Op& /*op*/) {
  model::drm_gem_object_put(obj.gem);
  return RetValue::zero;
}

struct Exported {
  Call call;
  Run run;
};

// What each version exports (kernel-facts §1.1-§1.4), and the model function it runs.
namespace v6_4 {
namespace m = model::v6_4;
constexpr Exported kCalls[] = {
    {Call::drm_gem_shmem_get_pages, errno_of<m::drm_gem_shmem_get_pages>},
    {Call::drm_gem_shmem_put_pages, zero_of<m::drm_gem_shmem_put_pages>},
    {Call::drm_gem_shmem_pin, errno_of<m::drm_gem_shmem_pin>},
    {Call::drm_gem_shmem_unpin, zero_of<m::drm_gem_shmem_unpin>},
    {Call::drm_gem_shmem_vmap, errno_of<m::drm_gem_shmem_vmap>},
    {Call::drm_gem_shmem_vunmap, zero_of<m::drm_gem_shmem_vunmap>},
    {Call::drm_gem_shmem_madvise, madvise_of<m::drm_gem_shmem_madvise>},
    {Call::drm_gem_shmem_purge, bool_of<m::drm_gem_shmem_purge>},
    {Call::drm_gem_shmem_purge_locked, zero_of<m::drm_gem_shmem_purge_locked>},
    {Call::drm_gem_shmem_get_sg_table, errno_of<m::drm_gem_shmem_get_sg_table>},
    {Call::drm_gem_shmem_get_pages_sgt, errno_of<m::drm_gem_shmem_get_pages_sgt>},
    {Call::drm_gem_shmem_mmap, mmap_of<m::drm_gem_shmem_mmap>},
    {Call::drm_gem_shmem_vm_open, zero_of<m::drm_gem_shmem_vm_open>},
    {Call::drm_gem_shmem_vm_close, zero_of<m::drm_gem_shmem_vm_close>},
    {Call::drm_gem_shmem_fault, fault_of<m::drm_gem_shmem_fault>},
    {Call::drm_gem_pin, errno_of<m::drm_gem_pin>},
    {Call::drm_gem_unpin, zero_of<m::drm_gem_unpin>},
    {Call::drm_gem_vmap, errno_of<m::drm_gem_vmap>},
    {Call::drm_gem_vunmap, zero_of<m::drm_gem_vunmap>},
    {Call::drm_gem_vmap_unlocked, errno_of<m::drm_gem_vmap_unlocked>},
    {Call::drm_gem_vunmap_unlocked, zero_of<m::drm_gem_vunmap_unlocked>},
    {Call::drm_gem_object_put, put_object},
};
}  // namespace v6_4

// 21aa27ddc582 made get_pages static and folded purge_locked into purge.
namespace v6_5 {
namespace m = model::v6_5;
constexpr Exported kCalls[] = {
    {Call::drm_gem_shmem_put_pages, zero_of<m::drm_gem_shmem_put_pages>},
    {Call::drm_gem_shmem_pin, errno_of<m::drm_gem_shmem_pin>},
    {Call::drm_gem_shmem_unpin, zero_of<m::drm_gem_shmem_unpin>},
    {Call::drm_gem_shmem_vmap, errno_of<m::drm_gem_shmem_vmap>},
    {Call::drm_gem_shmem_vunmap, zero_of<m::drm_gem_shmem_vunmap>},
    {Call::drm_gem_shmem_madvise, madvise_of<m::drm_gem_shmem_madvise>},
    {Call::drm_gem_shmem_purge, zero_of<m::drm_gem_shmem_purge>},
    {Call::drm_gem_shmem_get_sg_table, errno_of<m::drm_gem_shmem_get_sg_table>},
    {Call::drm_gem_shmem_get_pages_sgt, errno_of<m::drm_gem_shmem_get_pages_sgt>},
    {Call::drm_gem_shmem_mmap, mmap_of<m::drm_gem_shmem_mmap>},
    {Call::drm_gem_shmem_vm_open, zero_of<m::drm_gem_shmem_vm_open>},
    {Call::drm_gem_shmem_vm_close, zero_of<m::drm_gem_shmem_vm_close>},
    {Call::drm_gem_shmem_fault, fault_of<m::drm_gem_shmem_fault>},
    {Call::drm_gem_pin, errno_of<m::drm_gem_pin>},
    {Call::drm_gem_unpin, zero_of<m::drm_gem_unpin>},
    {Call::drm_gem_vmap, errno_of<m::drm_gem_vmap>},
    {Call::drm_gem_vunmap, zero_of<m::drm_gem_vunmap>},
    {Call::drm_gem_vmap_unlocked, errno_of<m::drm_gem_vmap_unlocked>},
    {Call::drm_gem_vunmap_unlocked, zero_of<m::drm_gem_vunmap_unlocked>},
    {Call::drm_gem_object_put, put_object},
};
}  // namespace v6_5

// ec144244a43f exported pin_locked and unpin_locked.
namespace v6_10 {
namespace m = model::v6_10;
constexpr Exported kCalls[] = {
    {Call::drm_gem_shmem_put_pages, zero_of<m::drm_gem_shmem_put_pages>},
    {Call::drm_gem_shmem_pin_locked, errno_of<m::drm_gem_shmem_pin_locked>},
    {Call::drm_gem_shmem_unpin_locked, zero_of<m::drm_gem_shmem_unpin_locked>},
    {Call::drm_gem_shmem_pin, errno_of<m::drm_gem_shmem_pin>},
    {Call::drm_gem_shmem_unpin, zero_of<m::drm_gem_shmem_unpin>},
    {Call::drm_gem_shmem_vmap, errno_of<m::drm_gem_shmem_vmap>},
    {Call::drm_gem_shmem_vunmap, zero_of<m::drm_gem_shmem_vunmap>},
    {Call::drm_gem_shmem_madvise, madvise_of<m::drm_gem_shmem_madvise>},
    {Call::drm_gem_shmem_purge, zero_of<m::drm_gem_shmem_purge>},
    {Call::drm_gem_shmem_get_sg_table, errno_of<m::drm_gem_shmem_get_sg_table>},
    {Call::drm_gem_shmem_get_pages_sgt, errno_of<m::drm_gem_shmem_get_pages_sgt>},
    {Call::drm_gem_shmem_mmap, mmap_of<m::drm_gem_shmem_mmap>},
    {Call::drm_gem_shmem_vm_open, zero_of<m::drm_gem_shmem_vm_open>},
    {Call::drm_gem_shmem_vm_close, zero_of<m::drm_gem_shmem_vm_close>},
    {Call::drm_gem_shmem_fault, fault_of<m::drm_gem_shmem_fault>},
    {Call::drm_gem_pin, errno_of<m::drm_gem_pin>},
    {Call::drm_gem_unpin, zero_of<m::drm_gem_unpin>},
    {Call::drm_gem_vmap, errno_of<m::drm_gem_vmap>},
    {Call::drm_gem_vunmap, zero_of<m::drm_gem_vunmap>},
    {Call::drm_gem_vmap_unlocked, errno_of<m::drm_gem_vmap_unlocked>},
    {Call::drm_gem_vunmap_unlocked, zero_of<m::drm_gem_vunmap_unlocked>},
    {Call::drm_gem_object_put, put_object},
};
}  // namespace v6_10

// The _locked names; vmap, vunmap and madvise only under CONFIG_KUNIT.
namespace v6_16 {
namespace m = model::v6_16;
constexpr Exported kCalls[] = {
    {Call::drm_gem_shmem_put_pages_locked, zero_of<m::drm_gem_shmem_put_pages_locked>},
    {Call::drm_gem_shmem_pin_locked, errno_of<m::drm_gem_shmem_pin_locked>},
    {Call::drm_gem_shmem_unpin_locked, zero_of<m::drm_gem_shmem_unpin_locked>},
    {Call::drm_gem_shmem_pin, errno_of<m::drm_gem_shmem_pin>},
    {Call::drm_gem_shmem_unpin, zero_of<m::drm_gem_shmem_unpin>},
    {Call::drm_gem_shmem_vmap_locked, errno_of<m::drm_gem_shmem_vmap_locked>},
    {Call::drm_gem_shmem_vunmap_locked, zero_of<m::drm_gem_shmem_vunmap_locked>},
    {Call::drm_gem_shmem_madvise_locked, madvise_of<m::drm_gem_shmem_madvise_locked>},
    {Call::drm_gem_shmem_purge_locked, zero_of<m::drm_gem_shmem_purge_locked>},
    {Call::drm_gem_shmem_get_sg_table, errno_of<m::drm_gem_shmem_get_sg_table>},
    {Call::drm_gem_shmem_get_pages_sgt, errno_of<m::drm_gem_shmem_get_pages_sgt>},
    {Call::drm_gem_shmem_mmap, mmap_of<m::drm_gem_shmem_mmap>},
    {Call::drm_gem_shmem_vm_open, zero_of<m::drm_gem_shmem_vm_open>},
    {Call::drm_gem_shmem_vm_close, zero_of<m::drm_gem_shmem_vm_close>},
    {Call::drm_gem_shmem_fault, fault_of<m::drm_gem_shmem_fault>},
    {Call::drm_gem_pin, errno_of<m::drm_gem_pin>},
    {Call::drm_gem_unpin, zero_of<m::drm_gem_unpin>},
    {Call::drm_gem_vmap, errno_of<m::drm_gem_vmap>},
    {Call::drm_gem_vunmap, zero_of<m::drm_gem_vunmap>},
    {Call::drm_gem_vmap_locked, errno_of<m::drm_gem_vmap_locked>},
    {Call::drm_gem_vunmap_locked, zero_of<m::drm_gem_vunmap_locked>},
    {Call::drm_gem_object_put, put_object},
};
}  // namespace v6_16

std::span<const Exported> calls_of(Version v) {
  switch (v) {
    case Version::v6_4:
      return v6_4::kCalls;
    case Version::v6_5:
      return v6_5::kCalls;
    case Version::v6_10:
      return v6_10::kCalls;
    case Version::v6_16:
      return v6_16::kCalls;
  }
  std::abort();
}

const Exported* find(Call c, Version v) {
  for (const Exported& e : calls_of(v))
    if (e.call == c) return &e;
  return nullptr;
}

}  // namespace

bool exported(Call c, Version v) {
  return is_dma_buf_call(c) || find(c, v) != nullptr;  // the dma-buf core exports them from v6.2
}

std::string not_exported_reason(Call c, Version v) {
  const std::string name(call_name(c));
  const std::string in(version_name(v));
  const bool is_static =
      (c == Call::drm_gem_shmem_get_pages && (v == Version::v6_5 || v == Version::v6_10)) ||
      ((c == Call::drm_gem_shmem_put_pages_locked || c == Call::drm_gem_shmem_vmap_locked ||
        c == Call::drm_gem_shmem_vunmap_locked) &&
       v == Version::v6_4) ||
      ((c == Call::drm_gem_shmem_pin_locked || c == Call::drm_gem_shmem_unpin_locked) &&
       v == Version::v6_5);
  if (is_static) return name + " is static in " + in;
  const bool kunit_only =
      v == Version::v6_16 && (c == Call::drm_gem_shmem_vmap || c == Call::drm_gem_shmem_vunmap ||
                              c == Call::drm_gem_shmem_madvise);
  if (kunit_only) return name + " exists only under CONFIG_KUNIT in " + in;
  return name + " does not exist in " + in;
}

bool under_mmap_lock(Call c) {
  return c == Call::drm_gem_shmem_mmap || c == Call::dma_buf_mmap ||
         c == Call::drm_gem_shmem_vm_open || c == Call::drm_gem_shmem_vm_close ||
         c == Call::drm_gem_shmem_fault;
}

RetValue run_helper_call(Version v, model::ShmemObject& obj, const Op& op) {
  if (is_dma_buf_call(op.call)) return run_dma_buf(obj, op);
  const Exported* e = find(op.call, v);
  if (e == nullptr) std::abort();  // not exported: the caller checked
  // dma_buf_mmap -> drm_gem_prime_mmap: a mapping of an import is the exporter's VMA (its vm_ops
  // and vm_private_data), so the vm ops on it run on the exporter.
  const bool vm_op = op.call == Call::drm_gem_shmem_vm_open ||
                     op.call == Call::drm_gem_shmem_vm_close ||
                     op.call == Call::drm_gem_shmem_fault;
  return e->run(vm_op && obj.imported() ? *obj.exporter : obj, op);
}

FreeFn shmem_free(Version v) {
  switch (v) {
    case Version::v6_4:
      return model::v6_4::drm_gem_shmem_free;
    case Version::v6_5:
      return model::v6_5::drm_gem_shmem_free;
    case Version::v6_10:
      return model::v6_10::drm_gem_shmem_free;
    case Version::v6_16:
      return model::v6_16::drm_gem_shmem_free;
  }
  std::abort();
}

int gem_pin(Version v, model::ShmemObject& obj) {
  switch (v) {
    case Version::v6_4:
      return model::v6_4::drm_gem_pin(obj);
    case Version::v6_5:
      return model::v6_5::drm_gem_pin(obj);
    case Version::v6_10:
      return model::v6_10::drm_gem_pin(obj);
    case Version::v6_16:
      return model::v6_16::drm_gem_pin(obj);
  }
  std::abort();
}

}  // namespace resvcheck::scenarios
