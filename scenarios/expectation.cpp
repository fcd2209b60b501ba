#include "scenarios/expectation.h"

namespace resvcheck::scenarios {

Status judge(const Expectation& expected, KindSet found, bool complete) {
  if (expected.exact) {
    if (!found.subset_of(*expected.exact)) return Status::fail;
    if (!complete) return Status::incomplete;  // a missing kind may still show, or an extra one
    return found == *expected.exact ? Status::pass : Status::fail;
  }
  if (found.intersects(expected.excludes)) return Status::fail;
  const bool all_included = expected.includes.subset_of(found);
  if (complete) return all_included ? Status::pass : Status::fail;
  return all_included && expected.excludes.empty() ? Status::pass : Status::incomplete;
}

}  // namespace resvcheck::scenarios
