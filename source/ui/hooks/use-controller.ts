import {useSyncExternalStore} from 'react';
import type {ChatController} from '../../chat/controller.js';

/** Re-renders when the controller changes; components then read it directly. */
export function useController(controller: ChatController): number {
	return useSyncExternalStore(controller.subscribe, controller.getVersion);
}
