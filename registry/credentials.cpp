#include "credentials.h"
// Implementation in progress (helper).
