#include "reference.h"
// Implementation in progress (helper).
