#include "scenarios/helper_calls.h"

#include <cstdlib>

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

bool exported_v6_4(Call c) {
  switch (c) {
    case Call::drm_gem_shmem_get_pages:
    case Call::drm_gem_shmem_put_pages:
    case Call::drm_gem_shmem_pin:
    case Call::drm_gem_shmem_unpin:
    case Call::drm_gem_shmem_vmap:
    case Call::drm_gem_shmem_vunmap:
    case Call::drm_gem_shmem_madvise:
    case Call::drm_gem_shmem_purge:
    case Call::drm_gem_shmem_purge_locked:
    case Call::drm_gem_shmem_get_sg_table:
    case Call::drm_gem_shmem_get_pages_sgt:
    case Call::drm_gem_shmem_mmap:
    case Call::drm_gem_shmem_vm_open:
    case Call::drm_gem_shmem_vm_close:
    case Call::drm_gem_shmem_fault:
    case Call::drm_gem_pin:
    case Call::drm_gem_unpin:
    case Call::drm_gem_vmap:
    case Call::drm_gem_vunmap:
    case Call::drm_gem_vmap_unlocked:
    case Call::drm_gem_vunmap_unlocked:
    case Call::drm_gem_object_put:
      return true;
    default:
      return false;
  }
}

// 21aa27ddc582 made get_pages static and folded purge_locked into purge.
bool exported_v6_5(Call c) {
  return exported_v6_4(c) && c != Call::drm_gem_shmem_get_pages &&
         c != Call::drm_gem_shmem_purge_locked;
}

// ec144244a43f exported pin_locked and unpin_locked.
bool exported_v6_10(Call c) {
  return exported_v6_5(c) || c == Call::drm_gem_shmem_pin_locked ||
         c == Call::drm_gem_shmem_unpin_locked;
}

bool exported_v6_16(Call c) {
  switch (c) {
    case Call::drm_gem_shmem_put_pages_locked:
    case Call::drm_gem_shmem_pin_locked:
    case Call::drm_gem_shmem_unpin_locked:
    case Call::drm_gem_shmem_pin:
    case Call::drm_gem_shmem_unpin:
    case Call::drm_gem_shmem_vmap_locked:
    case Call::drm_gem_shmem_vunmap_locked:
    case Call::drm_gem_shmem_madvise_locked:
    case Call::drm_gem_shmem_purge_locked:
    case Call::drm_gem_shmem_get_sg_table:
    case Call::drm_gem_shmem_get_pages_sgt:
    case Call::drm_gem_shmem_mmap:
    case Call::drm_gem_shmem_vm_open:
    case Call::drm_gem_shmem_vm_close:
    case Call::drm_gem_shmem_fault:
    case Call::drm_gem_pin:
    case Call::drm_gem_unpin:
    case Call::drm_gem_vmap:
    case Call::drm_gem_vunmap:
    case Call::drm_gem_vmap_locked:
    case Call::drm_gem_vunmap_locked:
    case Call::drm_gem_object_put:
      return true;
    default:
      return false;
  }
}

RetValue run_v6_4(model::ShmemObject& obj, const Op& op) {
  namespace m = model::v6_4;
  switch (op.call) {
    case Call::drm_gem_shmem_get_pages:
      return from_errno(m::drm_gem_shmem_get_pages(obj));
    case Call::drm_gem_shmem_put_pages:
      m::drm_gem_shmem_put_pages(obj);
      break;
    case Call::drm_gem_shmem_pin:
      return from_errno(m::drm_gem_shmem_pin(obj));
    case Call::drm_gem_shmem_unpin:
      m::drm_gem_shmem_unpin(obj);
      break;
    case Call::drm_gem_shmem_vmap:
      return from_errno(m::drm_gem_shmem_vmap(obj));
    case Call::drm_gem_shmem_vunmap:
      m::drm_gem_shmem_vunmap(obj);
      break;
    case Call::drm_gem_shmem_madvise:
      return from_bool(m::drm_gem_shmem_madvise(obj, op.madv));
    case Call::drm_gem_shmem_purge:
      return from_bool(m::drm_gem_shmem_purge(obj));
    case Call::drm_gem_shmem_purge_locked:
      m::drm_gem_shmem_purge_locked(obj);
      break;
    case Call::drm_gem_shmem_get_sg_table:
      return from_errno(m::drm_gem_shmem_get_sg_table(obj));
    case Call::drm_gem_shmem_get_pages_sgt:
      return from_errno(m::drm_gem_shmem_get_pages_sgt(obj));
    case Call::drm_gem_shmem_mmap:
      return from_errno(m::drm_gem_shmem_mmap(obj, op.mapping));
    case Call::drm_gem_shmem_vm_open:
      m::drm_gem_shmem_vm_open(obj);
      break;
    case Call::drm_gem_shmem_vm_close:
      m::drm_gem_shmem_vm_close(obj);
      break;
    case Call::drm_gem_shmem_fault:
      return from_fault(m::drm_gem_shmem_fault(obj));
    case Call::drm_gem_pin:
      return from_errno(m::drm_gem_pin(obj));
    case Call::drm_gem_unpin:
      m::drm_gem_unpin(obj);
      break;
    case Call::drm_gem_vmap:
      return from_errno(m::drm_gem_vmap(obj));
    case Call::drm_gem_vunmap:
      m::drm_gem_vunmap(obj);
      break;
    case Call::drm_gem_vmap_unlocked:
      return from_errno(m::drm_gem_vmap_unlocked(obj));
    case Call::drm_gem_vunmap_unlocked:
      m::drm_gem_vunmap_unlocked(obj);
      break;
    default:
      std::abort();  // not exported: the caller checked
  }
  return RetValue::zero;
}

RetValue run_v6_5(model::ShmemObject& obj, const Op& op) {
  namespace m = model::v6_5;
  switch (op.call) {
    case Call::drm_gem_shmem_put_pages:
      m::drm_gem_shmem_put_pages(obj);
      break;
    case Call::drm_gem_shmem_pin:
      return from_errno(m::drm_gem_shmem_pin(obj));
    case Call::drm_gem_shmem_unpin:
      m::drm_gem_shmem_unpin(obj);
      break;
    case Call::drm_gem_shmem_vmap:
      return from_errno(m::drm_gem_shmem_vmap(obj));
    case Call::drm_gem_shmem_vunmap:
      m::drm_gem_shmem_vunmap(obj);
      break;
    case Call::drm_gem_shmem_madvise:
      return from_bool(m::drm_gem_shmem_madvise(obj, op.madv));
    case Call::drm_gem_shmem_purge:
      m::drm_gem_shmem_purge(obj);
      break;
    case Call::drm_gem_shmem_get_sg_table:
      return from_errno(m::drm_gem_shmem_get_sg_table(obj));
    case Call::drm_gem_shmem_get_pages_sgt:
      return from_errno(m::drm_gem_shmem_get_pages_sgt(obj));
    case Call::drm_gem_shmem_mmap:
      return from_errno(m::drm_gem_shmem_mmap(obj, op.mapping));
    case Call::drm_gem_shmem_vm_open:
      m::drm_gem_shmem_vm_open(obj);
      break;
    case Call::drm_gem_shmem_vm_close:
      m::drm_gem_shmem_vm_close(obj);
      break;
    case Call::drm_gem_shmem_fault:
      return from_fault(m::drm_gem_shmem_fault(obj));
    case Call::drm_gem_pin:
      return from_errno(m::drm_gem_pin(obj));
    case Call::drm_gem_unpin:
      m::drm_gem_unpin(obj);
      break;
    case Call::drm_gem_vmap:
      return from_errno(m::drm_gem_vmap(obj));
    case Call::drm_gem_vunmap:
      m::drm_gem_vunmap(obj);
      break;
    case Call::drm_gem_vmap_unlocked:
      return from_errno(m::drm_gem_vmap_unlocked(obj));
    case Call::drm_gem_vunmap_unlocked:
      m::drm_gem_vunmap_unlocked(obj);
      break;
    default:
      std::abort();  // not exported: the caller checked
  }
  return RetValue::zero;
}

RetValue run_v6_10(model::ShmemObject& obj, const Op& op) {
  namespace m = model::v6_10;
  switch (op.call) {
    case Call::drm_gem_shmem_pin_locked:
      return from_errno(m::drm_gem_shmem_pin_locked(obj));
    case Call::drm_gem_shmem_unpin_locked:
      m::drm_gem_shmem_unpin_locked(obj);
      break;
    case Call::drm_gem_shmem_put_pages:
      m::drm_gem_shmem_put_pages(obj);
      break;
    case Call::drm_gem_shmem_pin:
      return from_errno(m::drm_gem_shmem_pin(obj));
    case Call::drm_gem_shmem_unpin:
      m::drm_gem_shmem_unpin(obj);
      break;
    case Call::drm_gem_shmem_vmap:
      return from_errno(m::drm_gem_shmem_vmap(obj));
    case Call::drm_gem_shmem_vunmap:
      m::drm_gem_shmem_vunmap(obj);
      break;
    case Call::drm_gem_shmem_madvise:
      return from_bool(m::drm_gem_shmem_madvise(obj, op.madv));
    case Call::drm_gem_shmem_purge:
      m::drm_gem_shmem_purge(obj);
      break;
    case Call::drm_gem_shmem_get_sg_table:
      return from_errno(m::drm_gem_shmem_get_sg_table(obj));
    case Call::drm_gem_shmem_get_pages_sgt:
      return from_errno(m::drm_gem_shmem_get_pages_sgt(obj));
    case Call::drm_gem_shmem_mmap:
      return from_errno(m::drm_gem_shmem_mmap(obj, op.mapping));
    case Call::drm_gem_shmem_vm_open:
      m::drm_gem_shmem_vm_open(obj);
      break;
    case Call::drm_gem_shmem_vm_close:
      m::drm_gem_shmem_vm_close(obj);
      break;
    case Call::drm_gem_shmem_fault:
      return from_fault(m::drm_gem_shmem_fault(obj));
    case Call::drm_gem_pin:
      return from_errno(m::drm_gem_pin(obj));
    case Call::drm_gem_unpin:
      m::drm_gem_unpin(obj);
      break;
    case Call::drm_gem_vmap:
      return from_errno(m::drm_gem_vmap(obj));
    case Call::drm_gem_vunmap:
      m::drm_gem_vunmap(obj);
      break;
    case Call::drm_gem_vmap_unlocked:
      return from_errno(m::drm_gem_vmap_unlocked(obj));
    case Call::drm_gem_vunmap_unlocked:
      m::drm_gem_vunmap_unlocked(obj);
      break;
    default:
      std::abort();  // not exported: the caller checked
  }
  return RetValue::zero;
}

RetValue run_v6_16(model::ShmemObject& obj, const Op& op) {
  namespace m = model::v6_16;
  switch (op.call) {
    case Call::drm_gem_shmem_put_pages_locked:
      m::drm_gem_shmem_put_pages_locked(obj);
      break;
    case Call::drm_gem_shmem_pin_locked:
      return from_errno(m::drm_gem_shmem_pin_locked(obj));
    case Call::drm_gem_shmem_unpin_locked:
      m::drm_gem_shmem_unpin_locked(obj);
      break;
    case Call::drm_gem_shmem_pin:
      return from_errno(m::drm_gem_shmem_pin(obj));
    case Call::drm_gem_shmem_unpin:
      m::drm_gem_shmem_unpin(obj);
      break;
    case Call::drm_gem_shmem_vmap_locked:
      return from_errno(m::drm_gem_shmem_vmap_locked(obj));
    case Call::drm_gem_shmem_vunmap_locked:
      m::drm_gem_shmem_vunmap_locked(obj);
      break;
    case Call::drm_gem_shmem_madvise_locked:
      return from_bool(m::drm_gem_shmem_madvise_locked(obj, op.madv));
    case Call::drm_gem_shmem_purge_locked:
      m::drm_gem_shmem_purge_locked(obj);
      break;
    case Call::drm_gem_shmem_get_sg_table:
      return from_errno(m::drm_gem_shmem_get_sg_table(obj));
    case Call::drm_gem_shmem_get_pages_sgt:
      return from_errno(m::drm_gem_shmem_get_pages_sgt(obj));
    case Call::drm_gem_shmem_mmap:
      return from_errno(m::drm_gem_shmem_mmap(obj, op.mapping));
    case Call::drm_gem_shmem_vm_open:
      m::drm_gem_shmem_vm_open(obj);
      break;
    case Call::drm_gem_shmem_vm_close:
      m::drm_gem_shmem_vm_close(obj);
      break;
    case Call::drm_gem_shmem_fault:
      return from_fault(m::drm_gem_shmem_fault(obj));
    case Call::drm_gem_pin:
      return from_errno(m::drm_gem_pin(obj));
    case Call::drm_gem_unpin:
      m::drm_gem_unpin(obj);
      break;
    case Call::drm_gem_vmap:
      return from_errno(m::drm_gem_vmap(obj));
    case Call::drm_gem_vunmap:
      m::drm_gem_vunmap(obj);
      break;
    case Call::drm_gem_vmap_locked:
      return from_errno(m::drm_gem_vmap_locked(obj));
    case Call::drm_gem_vunmap_locked:
      m::drm_gem_vunmap_locked(obj);
      break;
    default:
      std::abort();  // not exported: the caller checked
  }
  return RetValue::zero;
}

}  // namespace

bool exported(Call c, Version v) {
  if (is_dma_buf_call(c)) return true;  // the dma-buf core exports them all from v6.2
  switch (v) {
    case Version::v6_4:
      return exported_v6_4(c);
    case Version::v6_5:
      return exported_v6_5(c);
    case Version::v6_10:
      return exported_v6_10(c);
    case Version::v6_16:
      return exported_v6_16(c);
  }
  return false;
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
  if (op.call == Call::drm_gem_object_put) {
    model::drm_gem_object_put(obj.gem);
    return RetValue::zero;
  }
  if (is_dma_buf_call(op.call)) return run_dma_buf(obj, op);
  // dma_buf_mmap -> drm_gem_prime_mmap: a mapping of an import is the exporter's VMA (its vm_ops
  // and vm_private_data), so the vm ops on it run on the exporter.
  const bool vm_op = op.call == Call::drm_gem_shmem_vm_open ||
                     op.call == Call::drm_gem_shmem_vm_close ||
                     op.call == Call::drm_gem_shmem_fault;
  model::ShmemObject& target = vm_op && obj.imported() ? *obj.exporter : obj;
  switch (v) {
    case Version::v6_4:
      return run_v6_4(target, op);
    case Version::v6_5:
      return run_v6_5(target, op);
    case Version::v6_10:
      return run_v6_10(target, op);
    case Version::v6_16:
      return run_v6_16(target, op);
  }
  std::abort();
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
