import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { textParameter } from '../parameters';

import type { OutputFileFormat } from './sniff';

export const outputBinaryProperty: INodeProperties = {
	displayName: 'Output Binary Field',
	name: 'outputBinaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the generated image in',
};

/** The output binary field's name for the item, checked like every text parameter. */
export function outputBinaryField(ctx: IExecuteFunctions, itemIndex: number): string {
	return textParameter(
		ctx,
		itemIndex,
		outputBinaryProperty.name,
		outputBinaryProperty.displayName,
		{
			requiredFix: 'Name the output binary field the image goes in, e.g. data.',
		},
	);
}

export interface OutputImage {
	buffer: Buffer;
	info: OutputFileFormat;
	/** Base of the file name, e.g. "photo-reimagined"; the extension comes from the real format. */
	fileBaseName: string;
	json: IDataObject;
}

/**
 * One output item per generated image: the bytes stored through n8n's binary data service
 * (filesystem mode in n8n 2) with the sniffed MIME type and extension, and pairedItem to its input.
 */
export async function imageOutputItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	image: OutputImage,
): Promise<INodeExecutionData> {
	const fileName = `${image.fileBaseName}.${image.info.extension}`;
	const binary = await ctx.helpers.prepareBinaryData(image.buffer, fileName, image.info.mimeType);
	return {
		json: {
			...image.json,
			fileName,
			mimeType: image.info.mimeType,
			fileSize: image.buffer.length,
			width: image.info.width,
			height: image.info.height,
		},
		binary: { [binaryPropertyName]: binary },
		pairedItem: { item: itemIndex },
	};
}
