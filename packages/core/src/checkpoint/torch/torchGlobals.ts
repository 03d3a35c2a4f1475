import { PickleDict, PickleGlobal, PickleTuple, describePickleValue } from './PickleValue.js';
import { TensorRef } from './TensorRef.js';
import { TorchCheckpointError, UnsafePickleGlobalError, UnsupportedTorchCheckpointError } from './TorchCheckpointError.js';
import { TORCH_STORAGE_TYPES } from './TorchStorageType.js';

/**
 * Globals in torch's `weights_only` allowlist (`torch/_weights_only_unpickler.py`, `_get_allowed_globals`) that
 * this reader does not implement. They are reported as unsupported rather than unsafe.
 */
const TORCH_SAFE_BUT_UNSUPPORTED = new Set([
  'collections.Counter',
  'torch.serialization._get_layout',
  'torch.device',
  '_codecs.encode',
  'builtins.bytearray',
  'builtins.set',
  'builtins.complex',
  'torch._utils._rebuild_tensor_v3',
  'torch._utils._rebuild_qtensor',
  'torch._utils._rebuild_sparse_tensor',
  'torch._utils._rebuild_meta_tensor_no_storage',
  'torch._utils._rebuild_wrapper_subclass',
  'torch._utils._rebuild_device_tensor_from_numpy',
  'torch._utils._rebuild_device_tensor_from_cpu_tensor',
  'torch.UntypedStorage',
  'torch.storage.UntypedStorage',
  'torch.storage.TypedStorage',
  'torch.ComplexFloatStorage',
  'torch.ComplexDoubleStorage',
  'torch.QUInt8Storage',
  'torch.QInt8Storage',
  'torch.QInt32Storage',
  'torch.QUInt4x2Storage',
  'torch.QUInt2x4Storage',
  'torch.per_tensor_affine',
  'torch.per_tensor_symmetric',
  'torch.per_channel_affine',
  'torch.per_channel_symmetric',
  'torch.per_channel_affine_float_qparams',
  // dtypes appear only as _rebuild_tensor_v3 arguments
  ...['float32', 'float64', 'float16', 'bfloat16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool', 'complex64', 'complex128']
    .concat(['uint16', 'uint32', 'uint64', 'float8_e4m3fn', 'float8_e5m2', 'float8_e4m3fnuz', 'float8_e5m2fnuz'])
    .map((dtype) => `torch.${dtype}`),
]);

function argCount(name: string, args: readonly unknown[], allowed: readonly number[], source: string): void {
  if (!allowed.includes(args.length)) {
    throw new TorchCheckpointError(`${source}: ${name} called with ${args.length} arguments; expected ${allowed.join(' or ')}`);
  }
}

function tensorArg(name: string, value: unknown, source: string): TensorRef {
  if (!(value instanceof TensorRef)) throw new TorchCheckpointError(`${source}: ${name} expects a tensor as its first argument`);
  return value;
}

/**
 * Resolves the globals a state_dict needs to pure TypeScript stand-ins; refuses every other name.
 * A fresh resolver is built per pickle so that `source` appears in its errors.
 */
export function createTorchGlobalResolver(source: string, pickleLength: number): (module: string, name: string) => PickleGlobal {
  // OrderedDict(pairs) copies its argument; a memoised list passed to it again and again would otherwise let a
  // small pickle build quadratically many entries. Copies are capped by the pickle's own length.
  let copyBudget = pickleLength;
  const tensorClass = new PickleGlobal('torch.Tensor');
  const parameterClass: PickleGlobal = new PickleGlobal('torch.nn.parameter.Parameter', (args) => {
    // Parameter(data, requires_grad) through NEWOBJ; the parameter is just its data here.
    argCount('torch.nn.parameter.Parameter', args, [1, 2], source);
    return tensorArg('torch.nn.parameter.Parameter', args[0], source);
  });
  const rebuildTensorV2 = new PickleGlobal('torch._utils._rebuild_tensor_v2', (args) => {
    // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    argCount('_rebuild_tensor_v2', args, [6, 7], source);
    return new TensorRef(args[0], args[1], args[2], args[3], source);
  });
  const rebuildTensor = new PickleGlobal('torch._utils._rebuild_tensor', (args) => {
    argCount('_rebuild_tensor', args, [4], source);
    return new TensorRef(args[0], args[1], args[2], args[3], source);
  });
  const rebuilders = new Map<string, PickleGlobal>([
    [rebuildTensorV2.qualifiedName, rebuildTensorV2],
    [rebuildTensor.qualifiedName, rebuildTensor],
  ]);

  const table = new Map<string, PickleGlobal>([
    ...rebuilders,
    [
      'collections.OrderedDict',
      new PickleGlobal('collections.OrderedDict', (args) => {
        argCount('collections.OrderedDict', args, [0, 1], source);
        const dict = new PickleDict(true);
        if (args.length === 1) {
          const pairs = args[0];
          const items = pairs instanceof PickleTuple ? pairs.items : Array.isArray(pairs) ? pairs : undefined;
          if (items === undefined) throw new TorchCheckpointError(`${source}: OrderedDict(...) expects a list of pairs`);
          copyBudget -= items.length;
          if (copyBudget < 0) throw new TorchCheckpointError(`${source}: OrderedDict(...) copies more items than the pickle is long`);
          for (const pair of items) {
            if (!(pair instanceof PickleTuple) || pair.items.length !== 2 || typeof pair.items[0] !== 'string') {
              throw new TorchCheckpointError(`${source}: OrderedDict(...) expects (str, value) pairs`);
            }
            dict.entries.set(pair.items[0], pair.items[1]);
          }
        }
        return dict;
      }),
    ],
    [
      'torch._utils._rebuild_parameter',
      new PickleGlobal('torch._utils._rebuild_parameter', (args) => {
        // (data, requires_grad, backward_hooks)
        argCount('_rebuild_parameter', args, [3], source);
        return tensorArg('_rebuild_parameter', args[0], source);
      }),
    ],
    [
      'torch._utils._rebuild_parameter_with_state',
      new PickleGlobal('torch._utils._rebuild_parameter_with_state', (args) => {
        // (data, requires_grad, backward_hooks, state): the Python attributes in `state` do not matter for weights.
        argCount('_rebuild_parameter_with_state', args, [4], source);
        return tensorArg('_rebuild_parameter_with_state', args[0], source);
      }),
    ],
    [
      'torch._tensor._rebuild_from_type_v2',
      new PickleGlobal('torch._tensor._rebuild_from_type_v2', (args) => {
        // (func, new_type, args, state): a plain Tensor/Parameter that carried Python attributes.
        argCount('_rebuild_from_type_v2', args, [4], source);
        const [func, newType, inner] = args;
        if (!(func instanceof PickleGlobal) || !rebuilders.has(func.qualifiedName) || func.call === undefined) {
          throw new UnsupportedTorchCheckpointError(`${source}: _rebuild_from_type_v2 with an unsupported rebuild function`);
        }
        if (newType !== tensorClass && newType !== parameterClass) {
          throw new UnsupportedTorchCheckpointError(
            `${source}: tensor subclass ${describePickleValue(newType)} is not supported`,
          );
        }
        if (!(inner instanceof PickleTuple)) throw new TorchCheckpointError(`${source}: _rebuild_from_type_v2 arguments are not a tuple`);
        return func.call(inner.items);
      }),
    ],
    ['torch.Tensor', tensorClass],
    ['torch.nn.parameter.Parameter', parameterClass],
    [
      'torch.Size',
      new PickleGlobal('torch.Size', (args) => {
        argCount('torch.Size', args, [0, 1], source);
        const items = args.length === 0 ? [] : args[0] instanceof PickleTuple ? args[0].items : Array.isArray(args[0]) ? args[0] : undefined;
        if (items === undefined) throw new TorchCheckpointError(`${source}: torch.Size(...) expects a tuple`);
        return new PickleTuple(items);
      }),
    ],
    ...[...TORCH_STORAGE_TYPES.keys()].map((name): [string, PickleGlobal] => [name, new PickleGlobal(name)]),
  ]);

  return (module, name) => {
    const qualified = `${module}.${name}`;
    const resolved = table.get(qualified);
    if (resolved) return resolved;
    if (TORCH_SAFE_BUT_UNSUPPORTED.has(qualified)) {
      throw new UnsupportedTorchCheckpointError(`${source}: '${qualified}' (sparse, quantized, complex or other non-dense data) is not supported`);
    }
    throw new UnsafePickleGlobalError(qualified, source);
  };
}
